using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Tests.Support;

/// <summary>
/// A paged listing server whose answers the test releases by hand: page n of <c>pages</c> holds ids
/// "t{n}-0".."t{n}-{size-1}" and says totalPages. Page 0 answers at once; every other request waits in flight until
/// <see cref="Release"/>, then answers with its page (or, on a page's first attempt, <see cref="FirstAttempt"/>'s
/// answer when that gives one: a 429, an error).
/// The test sees which pages are in flight, the most there ever were at once, and which were cancelled.
/// </summary>
internal sealed class GatedPages
{
    private readonly object _gate = new();
    private readonly Dictionary<int, TaskCompletionSource<bool>> _release = new();
    private readonly HashSet<int> _attempted = new();
    private readonly List<int> _inFlight = new();
    private readonly List<int> _cancelled = new();

    public GatedPages(int pages, int size, bool withMetadata = true)
    {
        Pages = pages;
        Size = size;
        Transport = new FakeTransport(RespondAsync);
        WithMetadata = withMetadata;
    }

    public int Pages { get; }
    public int Size { get; }
    public bool WithMetadata { get; }
    public FakeTransport Transport { get; }

    /// <summary>An answer for page n's first attempt instead of the page (a 429, an error), or null for the page.</summary>
    public Func<int, HttpResponseMessage?> FirstAttempt { get; set; } = _ => null;

    /// <summary>An answer for every attempt at page n instead of the page (after <see cref="FirstAttempt"/>), or null for the page.</summary>
    public Func<int, HttpResponseMessage?> EveryAttempt { get; set; } = _ => null;

    /// <summary>Pages waiting for release now, in arrival order.</summary>
    public int[] InFlight { get { lock (_gate) return _inFlight.ToArray(); } }

    /// <summary>The most pages that were waiting at the same time.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>Pages whose request was cancelled while waiting.</summary>
    public int[] Cancelled { get { lock (_gate) return _cancelled.ToArray(); } }

    public static string[] IdsOf(int page, int size) => Enumerable.Range(0, size).Select(i => $"t{page}-{i}").ToArray();

    /// <summary>Every id of pages 0 to <paramref name="pages"/> - 1, in order.</summary>
    public string[] IdsUpTo(int pages) => Enumerable.Range(0, pages).SelectMany(p => IdsOf(p, Size)).ToArray();

    /// <summary>Answers page <paramref name="page"/>, which must be waiting.</summary>
    public void Release(int page)
    {
        TaskCompletionSource<bool> release;
        lock (_gate)
        {
            if (!_inFlight.Contains(page)) throw new InvalidOperationException($"page {page} is not in flight");
            release = _release[page];
            _inFlight.Remove(page);
        }
        release.TrySetResult(true);
    }

    /// <summary>Waits until exactly <paramref name="count"/> pages are in flight (bounded, fails the test otherwise).</summary>
    public Task InFlightCount(int count) => Until.True(() => InFlight.Length == count, $"{count} page request(s) in flight (now: {string.Join(",", InFlight)})");

    public HttpResponseMessage Page(int n) =>
        WithMetadata
            ? Respond.Page(IdsOf(n, Size).Select(id => Respond.Task(id)).ToArray(), n, Size, Pages * Size, Pages)
            : Respond.Page(IdsOf(n, Size).Select(id => Respond.Task(id)).ToArray());

    private async Task<HttpResponseMessage> RespondAsync(SeenRequest r, CancellationToken ct)
    {
        int n = int.Parse(r.QueryPairs["pageNumber"], System.Globalization.CultureInfo.InvariantCulture);
        if (n == 0) return Page(0);
        TaskCompletionSource<bool> release;
        bool first;
        lock (_gate)
        {
            first = _attempted.Add(n);
            release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _release[n] = release;
            _inFlight.Add(n);
            MaxInFlight = Math.Max(MaxInFlight, _inFlight.Count);
        }
        try
        {
            await release.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _inFlight.Remove(n);
                _cancelled.Add(n);
            }
            throw;
        }
        lock (_gate) _inFlight.Remove(n);
        return (first ? FirstAttempt(n) : null) ?? EveryAttempt(n) ?? Page(n);
    }
}
