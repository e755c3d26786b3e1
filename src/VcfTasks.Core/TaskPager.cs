using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Http;
using VcfTasks.Core.Json;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>
/// Reads a task listing page by page, in page order. It does not trust the server's paging: it follows
/// <c>totalPages</c> where given (else stops on a short page), stops on an empty page, stops with a warning when
/// a page repeats the previous one (a server that ignores paging), and drops a task already returned by an
/// earlier page (the list shifts when tasks are created during a listing).
/// <para>
/// Page 0 is requested alone. When it tells how many pages there are (<c>totalPages</c> or <c>totalElements</c>),
/// the next pages are requested ahead, up to <see cref="ThrottleLimit"/> pages held at a time (see
/// <see cref="PageWindow"/>), but never a page the caller cannot need (<see cref="Wanted"/>). Without a page
/// count the listing goes one page at a time, each requested only when the caller asks for it. Dispose the pager
/// when stopping early: that cancels the requests still in flight.
/// </para>
/// </summary>
public sealed class TaskPager : IDisposable
{
    /// <summary>The largest <see cref="ThrottleLimit"/>.</summary>
    public const int MaxThrottleLimit = 16;

    private readonly TaskApi _api;
    private readonly TaskQuery _query;
    private readonly PageWindow _window;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private int _pageNumber;
    private string? _previousFirstId;
    private string? _previousLastId;
    private int _previousCount = -1;
    // Pages the listing is known to have, once a page said so; null: unknown, one page at a time.
    private int? _pageCount;
    private long _returned;

    internal TaskPager(TaskApi api, TaskQuery query, int throttleLimit)
    {
        _api = api;
        _query = query;
        ThrottleLimit = Math.Max(1, Math.Min(MaxThrottleLimit, throttleLimit));
        _window = new PageWindow(FetchAsync, ThrottleLimit);
    }

    /// <summary>Pages requested or held at most at a time, 1 to 16; 1 is one page after another.</summary>
    public int ThrottleLimit { get; }

    /// <summary>Pages that may be held now: <see cref="ThrottleLimit"/>, less after the server answered 429 or 503.</summary>
    public int Window => _window.Width;

    /// <summary>
    /// Tasks the caller can still use in all (returned ones included), e.g. <c>-Skip</c> + <c>-First</c>: no page is
    /// requested ahead that could only bring tasks past this. Unlimited by default.
    /// </summary>
    public ulong Wanted { get; set; } = ulong.MaxValue;

    /// <summary>True once the listing has ended; <see cref="NextPageAsync"/> then returns an empty list.</summary>
    public bool Finished { get; private set; }

    /// <summary>Requests made so far (pages requested ahead included).</summary>
    public int PagesFetched => _window.Started;

    /// <summary>The server's <c>totalElements</c>, once a page has said it.</summary>
    public int? TotalElements { get; private set; }

    /// <summary>
    /// The next page's new, matching tasks (possibly none even when not finished). A page that fails ends the
    /// listing: its error is thrown, and the pages requested after it are cancelled.
    /// </summary>
    public async Task<IReadOnlyList<VcfTask>> NextPageAsync(CancellationToken ct)
    {
        if (Finished) return Array.Empty<VcfTask>();
        if (_pageCount is { } count) _window.Fill(count, MayNeed);
        PageOfTask page;
        try
        {
            page = await _window.TakeAsync(_pageNumber, ct).ConfigureAwait(false);
        }
        catch
        {
            Stop();
            throw;
        }
        var result = Accept(page);
        if (Finished) Stop();
        return result;
    }

    /// <summary>Cancels the requests still in flight.</summary>
    public void Dispose() => Stop();

    private void Stop()
    {
        Finished = true;
        _window.Dispose();
    }

    private Task<PageOfTask> FetchAsync(int number, CancellationToken ct) =>
        _api.GetPageAsync(_query.ToPathAndQuery(number), ct, OnTransientStatus);

    private void OnTransientStatus(int status)
    {
        if (!TransientStatus.SaysOverloaded(status)) return;
        int before = _window.Width;
        int now = _window.Narrow();
        if (now < before)
            VcfLog.Write(VcfLogLevel.Verbose, $"HTTP {status} on a page: at most {now} page request(s) in flight from now on.");
    }

    // Page p may be requested ahead only if the pages before it, all full of new matching tasks, would not
    // already give the caller every task it can use.
    private bool MayNeed(int page)
    {
        if (Wanted == ulong.MaxValue) return true;
        long upTo = _returned + (long)(page - _pageNumber) * _query.PageSize;
        return (ulong)upTo < Wanted;
    }

    private IReadOnlyList<VcfTask> Accept(PageOfTask page)
    {
        var elements = page.Elements ?? new List<VcfTask>();
        var meta = page.PageMetadata;
        if (meta?.TotalElements is { } total) TotalElements = total;

        if (elements.Count == 0)
        {
            Finished = true;
            return Array.Empty<VcfTask>();
        }
        if (IsRepeat(elements))
        {
            Finished = true;
            VcfLog.Write(VcfLogLevel.Warning,
                $"Page {_pageNumber} repeated page {_pageNumber - 1}: the server seems to ignore paging. The listing stops here.");
            return Array.Empty<VcfTask>();
        }
        _previousFirstId = elements[0]?.Id;
        _previousLastId = elements[elements.Count - 1]?.Id;
        _previousCount = elements.Count;

        var result = new List<VcfTask>(elements.Count);
        for (int i = 0; i < elements.Count; i++)
        {
            var task = elements[i];
            // The only tasks ever left out: nothing to show, retry or wait for without an object and an id.
            if (task is null || string.IsNullOrWhiteSpace(task.Id))
            {
                VcfLog.Write(VcfLogLevel.Warning, task is null
                    ? $"Element {i} of page {_pageNumber} of the task listing is not a task object: skipped."
                    : $"Element {i} of page {_pageNumber} of the task listing has no usable id{(task.Name is null ? "" : $" (name '{task.Name}')")}: skipped.");
                continue;
            }
            if (!_seen.Add(task.Id))
            {
                VcfLog.Write(VcfLogLevel.Debug, $"Task {task.Id} came again on page {_pageNumber}: skipped.");
                continue;
            }
            if (!_query.Matches(task)) continue;
            task.Connection = _api.Connection;
            _api.Connection.Seen.Add(task);
            result.Add(task);
        }

        // totalPages, where the server gives it, decides; a short page ends the listing only without it (a server
        // that caps pages below the size asked for still says how many pages there are).
        bool lastByMetadata = meta?.TotalPages is { } pages && _pageNumber + 1 >= pages;
        bool short_ = meta?.TotalPages is null && elements.Count < _query.PageSize;
        // More elements than asked for: the server ignored pageSize and sent everything (the 4.5 behaviour).
        bool unpaged = elements.Count > _query.PageSize;
        if (lastByMetadata || unpaged || short_) Finished = true;
        // The pages to request ahead: the latest count the server gave (the list may grow during the listing);
        // totalElements alone counts pages of the size asked for. Neither: one page at a time.
        if (meta?.TotalPages is { } known) _pageCount = known;
        else if (meta?.TotalElements is { } all) _pageCount = (int)Math.Min(int.MaxValue, ((long)all + _query.PageSize - 1) / _query.PageSize);
        else _pageCount = null;
        _pageNumber++;
        _returned += result.Count;
        return result;
    }

    private bool IsRepeat(List<VcfTask> elements) =>
        _previousCount == elements.Count &&
        string.Equals(_previousFirstId, elements[0]?.Id, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(_previousLastId, elements[elements.Count - 1]?.Id, StringComparison.OrdinalIgnoreCase);
}
