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
/// Reads a task listing page by page, on demand: nothing is fetched until the caller asks for the next page,
/// so a consumer that stops early (<c>-First 5</c>) stops the requests too. It does not trust the server's
/// paging: it follows <c>totalPages</c> where given (else stops on a short page), stops on an empty page, stops with a warning when
/// a page repeats the previous one (a server that ignores paging), and drops a task already returned by an
/// earlier page (the list shifts when tasks are created during a listing).
/// </summary>
public sealed class TaskPager
{
    private readonly TaskApi _api;
    private readonly TaskQuery _query;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private int _pageNumber;
    private string? _previousFirstId;
    private string? _previousLastId;
    private int _previousCount = -1;

    internal TaskPager(TaskApi api, TaskQuery query)
    {
        _api = api;
        _query = query;
    }

    /// <summary>True once the listing has ended; <see cref="NextPageAsync"/> then returns an empty list.</summary>
    public bool Finished { get; private set; }

    /// <summary>Requests made so far.</summary>
    public int PagesFetched { get; private set; }

    /// <summary>The server's <c>totalElements</c>, once a page has said it.</summary>
    public int? TotalElements { get; private set; }

    /// <summary>Fetches the next page and returns its new, matching tasks (possibly none even when not finished).</summary>
    public async Task<IReadOnlyList<VcfTask>> NextPageAsync(CancellationToken ct)
    {
        if (Finished) return Array.Empty<VcfTask>();
        var page = await _api.GetPageAsync(_query.ToPathAndQuery(_pageNumber), ct).ConfigureAwait(false);
        PagesFetched++;
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
        _pageNumber++;
        return result;
    }

    private bool IsRepeat(List<VcfTask> elements) =>
        _previousCount == elements.Count &&
        string.Equals(_previousFirstId, elements[0]?.Id, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(_previousLastId, elements[elements.Count - 1]?.Id, StringComparison.OrdinalIgnoreCase);
}
