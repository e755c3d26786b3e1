using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>
/// Reads a task listing page by page, in page order, following what the server says rather than what was asked: the
/// page numbering (0 or 1) comes from the first answer, the page size from what the server serves, the number of
/// pages from <c>totalPages</c> or <c>totalElements</c>. It drops a task already returned (the list shifts when tasks
/// are created during a listing), and at the end compares what it read with the server's count: when tasks may be
/// missing it writes one warning with both numbers and why. How a listing stays complete while the server's list
/// changes is in the README, "How a listing stays complete".
/// <para>
/// Page 0 is requested alone. When it tells how many tasks there are (<c>totalElements</c>), the next pages are
/// requested ahead, up to <see cref="ThrottleLimit"/> at a time (see <see cref="PageWindow"/>), but never a page the
/// caller cannot need (<see cref="Skip"/> + <see cref="First"/>). Once the server's count changes between pages, or a
/// page brings tasks already read, the rest is read one page at a time; a page that counts fewer tasks than the page
/// before it may have been served before it, so the listing reads again from that page on. Without a count the
/// listing goes one page at a time, each requested only when the caller asks for it. Dispose the pager when stopping
/// early: that cancels the requests still in flight.
/// </para>
/// </summary>
public sealed class TaskPager : IDisposable
{
    /// <summary>The largest <see cref="ThrottleLimit"/>.</summary>
    public const int MaxThrottleLimit = 16;

    private readonly TaskApi _api;
    private readonly TaskQuery _query;
    private readonly ListingLedger _ledger = new();
    private readonly PageShape _shape;
    private PageWindow _window;
    private int _requestsBefore;
    private int _index;
    private bool _learned;
    private bool _sequential;
    private int _rereadUpTo = -1;
    private int _restarts;
    private string[] _previousIds = Array.Empty<string>();
    private ulong _skipLeft;
    private ulong _returned;
    private ulong _first = ulong.MaxValue;
    private string? _endedBecause;
    private int _requestCap = int.MaxValue;
    private bool _suspiciousEnd;
    private bool _closing;

    internal TaskPager(TaskApi api, TaskQuery query, int throttleLimit)
    {
        _api = api;
        _query = query;
        _shape = new PageShape(query.PageSize, api.Connection);
        ThrottleLimit = Math.Max(1, Math.Min(MaxThrottleLimit, throttleLimit));
        _window = new PageWindow(FetchAsync, ThrottleLimit, 0);
    }

    /// <summary>A listing for a wait or a watch: says once a connection that the server's paging facts disagree.</summary>
    internal bool Background
    {
        set => _shape.OncePerConnection = value;
    }

    /// <summary>Pages requested or held at most at a time, 1 to 16; 1 is one page after another.</summary>
    public int ThrottleLimit { get; }

    /// <summary>Pages that may be held now: <see cref="ThrottleLimit"/>, less after the server answered 429 or 503.</summary>
    public int Window => _window.Width;

    /// <summary>Tasks to pass over before the first one returned (<c>-Skip</c>). Set before the first page.</summary>
    public ulong Skip
    {
        get => _skipLeft;
        set => _skipLeft = value;
    }

    /// <summary>
    /// Tasks to return at most (<c>-First</c>); the listing finishes once they are returned, and no page is requested
    /// ahead that could only bring tasks past <see cref="Skip"/> + <see cref="First"/>. Unlimited by default.
    /// </summary>
    public ulong First
    {
        get => _first;
        set => _first = value;
    }

    /// <summary>True once the listing has ended; <see cref="NextPageAsync"/> then returns an empty list.</summary>
    public bool Finished { get; private set; }

    /// <summary>Requests made so far (pages requested ahead and pages read again included).</summary>
    public int PagesFetched => _requestsBefore + _window.Started;

    /// <summary>The server's <c>totalElements</c>: what the first page said (the number <c>-IncludeTotalCount</c> reports).</summary>
    public int? TotalElements { get; private set; }

    /// <summary>
    /// The next page's new, matching tasks after <see cref="Skip"/> and up to <see cref="First"/> (possibly none even
    /// when not finished). A page that fails ends the listing: its error is thrown, and the pages requested after it
    /// are cancelled.
    /// </summary>
    public async Task<IReadOnlyList<VcfTask>> NextPageAsync(CancellationToken ct)
    {
        if (Finished) return Array.Empty<VcfTask>();
        if (!_sequential && _shape.BaseKnown && _shape.PageCount is { } count) _window.Fill(count, MayNeed);
        PageOfTask page;
        try
        {
            page = await _window.TakeAsync(_index, ct).ConfigureAwait(false);
        }
        catch
        {
            Finished = true;
            Stop();
            throw;
        }
        var result = Accept(page);
        if (Finished) Stop();
        return result;
    }

    /// <summary>Cancels the requests still in flight.</summary>
    public void Dispose()
    {
        Finished = true;
        Stop();
    }

    private void Stop() => _window.Dispose();

    // Every answer a page's attempts get that says the server is overloaded (429, 503) narrows the window.
    private Task<PageOfTask> FetchAsync(int index, CancellationToken ct)
    {
        using (TransientStatusWatch.Use(OnOverloaded))
        {
            return _api.GetPageAsync(_query.ToPathAndQuery(_shape.Base + index), ct);
        }
    }

    private void OnOverloaded(int status)
    {
        int before = _window.Width;
        int now = _window.Narrow();
        if (now < before)
            VcfLog.Write(VcfLogLevel.Verbose, $"HTTP {status} on a page: at most {now} page request(s) in flight from now on.");
    }

    // Page p may be requested ahead only if the pages before it, all full of new matching tasks, would not already
    // give the caller every task it can use.
    private bool MayNeed(int page)
    {
        if (_first == ulong.MaxValue) return true;
        ulong wanted = _first > ulong.MaxValue - _skipLeft ? ulong.MaxValue : _skipLeft + (_first - _returned);
        long upTo = (long)(page - _index) * _shape.ServedSize;
        return (ulong)upTo < wanted;
    }

    // Goes on from page `from` with a new window (pages held by the old one are dropped: they may have been served
    // out of order), one page at a time from now on.
    private void Restart(int from)
    {
        _requestsBefore += _window.Started;
        int width = _window.Width;
        _window.Dispose();
        _window = new PageWindow(FetchAsync, width, from);
        _sequential = true;
        _index = from;
    }

    private IReadOnlyList<VcfTask> Accept(PageOfTask page)
    {
        int index = _index;
        var elements = page.Elements ?? new List<VcfTask>();
        var meta = page.PageMetadata;
        int? total = NonNegative(meta?.TotalElements);
        int? pages = NonNegative(meta?.TotalPages);
        if (index == 0 && !_learned)
        {
            _learned = true;
            TotalElements = total;
            _shape.LearnFromFirst(elements.Count, meta, total, pages);
            // Without a count, nothing shows that pages served side by side fit together: one page at a time.
            if (total is null) _sequential = true;
        }
        else if (!_shape.BaseKnown)
        {
            _shape.BaseKnown = true;
            if (elements.Count > 0 && SameIds(elements, _previousIds))
            {
                // Page 1 is page 0 again and the server did not number its pages: it counts them from 1.
                _shape.CountFromOne();
                bool sequential = _sequential;
                Restart(1);
                _sequential = sequential;
                return Array.Empty<VcfTask>();
            }
        }

        // Where this page stands against the one before it in page order.
        int? before = _ledger.Count(index, total);

        int fresh = 0, again = 0;
        var result = new List<VcfTask>(elements.Count);
        for (int i = 0; i < elements.Count; i++)
        {
            var task = elements[i];
            // The only tasks ever left out: nothing to show, retry or wait for without an object and an id.
            if (task is null || string.IsNullOrWhiteSpace(task.Id))
            {
                if (index > _rereadUpTo) _ledger.AddInvalid();
                VcfLog.Write(VcfLogLevel.Warning, task is null
                    ? $"Element {i} of page {index} of the task listing is not a task object: skipped."
                    : $"Element {i} of page {index} of the task listing has no usable id{(task.Name is null ? "" : $" (name '{task.Name}')")}: skipped.");
                continue;
            }
            if (!_ledger.Add(task.Id))
            {
                again++;
                VcfLog.Write(VcfLogLevel.Debug, $"Task {task.Id} came again on page {index}: skipped.");
                continue;
            }
            fresh++;
            if (!_query.Matches(task)) continue;
            task.Connection = _api.Connection;
            _api.Connection.Seen.Add(task);
            if (_skipLeft > 0)
            {
                _skipLeft--;
                continue;
            }
            if (_returned >= _first) continue;
            result.Add(task);
            _returned++;
        }
        bool repeat = index > 0 && elements.Count > 0 && SameIds(elements, _previousIds);
        _previousIds = Ids(elements);

        if (_closing && index == 0)
        {
            _closing = false;
            if (fresh == 0)
            {
                End(null, suspicious: false);
                return result;
            }
            _ledger.NoteChange();
            VcfLog.Write(VcfLogLevel.Verbose, $"Page 0 read again at the end brought {fresh} task(s) not read before: the list changed while it was read, and it is read again from page 1.");
        }

        // Signs that the list changed while it was read: the count moved, or a page brought tasks already read.
        bool rereading = index <= _rereadUpTo;
        if (((before is { } b0 && total is { } t0 && b0 != t0) || (again > 0 && !rereading && !repeat)) && _ledger.NoteChange())
        {
            VcfLog.Write(VcfLogLevel.Verbose, total != before && before is not null
                ? $"The server's count went from {before} to {total} task(s) between pages {index - 1} and {index}: the list changes while it is read."
                : $"Page {index} brought {again} task(s) already read: the list changes while it is read.");
        }

        _shape.Update(index, elements.Count, meta, total, pages);
        if (index == 0 && _requestCap == int.MaxValue && _shape.PageCount is { } firstCount)
            _requestCap = RequestLimit(firstCount, _ledger.FirstTotal ?? 0);

        if (_returned >= _first && _first != ulong.MaxValue)
        {
            // Cut short on purpose: -First is met, so nothing is missing that the caller asked for.
            Finished = true;
            return result;
        }

        // Fewer tasks counted than by the page before: this page may have been served before that one, after tasks
        // arrived at the front, and the tasks between the two pages read by neither. Read again from the page before.
        if (before is { } was && total is { } isNow && isNow < was)
        {
            if (PagesFetched < _requestCap)
            {
                _restarts++;
                _rereadUpTo = Math.Max(_rereadUpTo, index);
                VcfLog.Write(VcfLogLevel.Verbose, $"Page {index} counted {isNow} task(s), page {index - 1} {was}: pages from {index - 1} on are read again, one at a time.");
                Restart(Math.Max(0, index - 1));
                return result;
            }
            _ledger.Unresolved += was - isNow;
        }

        if (elements.Count == 0)
        {
            if (_shape.PageCount is { } said && index + 1 < said) End($"page {index} was empty", suspicious: true);
            else if (CheckedEnd(index)) return result;
        }
        else if (PagesFetched >= _requestCap)
        {
            // Never a loop: a list that changes faster than it can be read ends after three times its first count of pages.
            End($"the list changed faster than it could be read, and the listing stopped after {PagesFetched} requests", suspicious: true);
        }
        else if (repeat && !rereading)
        {
            End($"page {index} repeated page {index - 1}" + (meta?.PageNumber is { } said ? $" (numbered {said})" : "") + ": the server seems to ignore paging", suspicious: true);
        }
        else if (fresh == 0 && again > 0 && !rereading)
        {
            End($"page {index} brought no task not read before", suspicious: true);
        }
        else if (_shape.PageCount is { } count)
        {
            if (index + 1 >= count && CheckedEnd(index)) return result;
        }
        else if (meta is null && elements.Count > _query.PageSize)
        {
            // No paging facts and more than asked: the server sent everything at once (the 4.5 behaviour).
            End(null, suspicious: false);
        }
        else if (_shape.IsShort(elements.Count))
        {
            if (CheckedEnd(index)) return result;
        }

        if (!Finished) _index++;
        return result;
    }

    // Never a loop: the most requests a listing makes, from its first count of pages and tasks. Three times the pages
    // covers a list that grows or tasks served out of order; twice a request for each quarter page of tasks covers a
    // list that tasks leave as they are listed (the retry pipeline, where the tasks left behind fill the page read again).
    private int RequestLimit(int pages, int tasks) =>
        (int)Math.Min(int.MaxValue, Math.Max(3L * pages, 2L * ((tasks + Math.Max(1, _shape.ServedSize / 4) - 1) / Math.Max(1, _shape.ServedSize / 4))) + ThrottleLimit + 4);

    // The last page of a pass. A listing that no count can check (no totalElements), read over more than one page,
    // reads page 0 once more: a task on it not read before shows that tasks left the list while it was read and the
    // pages behind them slid forward past the reader, so the listing reads on from page 1 and checks again at its end.
    // True when that check was started instead of ending.
    private bool CheckedEnd(int index)
    {
        if (_ledger.FirstTotal is null && index > 0)
        {
            if (_requestCap == int.MaxValue) _requestCap = RequestLimit(PagesFetched, _ledger.Read);
            if (PagesFetched < _requestCap)
            {
                _closing = true;
                _rereadUpTo = Math.Max(_rereadUpTo, index);
                Restart(0);
                return true;
            }
        }
        End(null, suspicious: false);
        return false;
    }

    // Page 0 says how pages are numbered and how many tasks a page holds.
    private void End(string? why, bool suspicious)
    {
        Finished = true;
        _endedBecause = why;
        _suspiciousEnd = suspicious;
        Reconcile();
    }

    // Compares what was read with what the server counted; one warning when tasks may be missing.
    private void Reconcile()
    {
        string reason = _endedBecause ?? (_shape.PageCount is { } pages ? $"the server said there were {pages} page(s)" : "the last page was short");
        var warning = _ledger.Reconcile(reason, _suspiciousEnd);
        VcfLog.Write(VcfLogLevel.Verbose,
            $"The listing read {PagesFetched} page(s) (pages numbered from {_shape.Base}, {_shape.ServedSize} a page{(_restarts > 0 ? $", {_restarts} reread(s)" : "")}): {_ledger.Read} task(s).");
        if (warning is not null) VcfLog.Write(VcfLogLevel.Warning, "The task listing may be incomplete: " + warning);
    }

    private static int? NonNegative(int? value) => value is >= 0 ? value : null;

    private static string[] Ids(List<VcfTask> elements) => elements.Select(t => t?.Id ?? string.Empty).ToArray();

    private static bool SameIds(List<VcfTask> elements, string[] previous) =>
        previous.Length == elements.Count && Ids(elements).SequenceEqual(previous, StringComparer.OrdinalIgnoreCase);
}
