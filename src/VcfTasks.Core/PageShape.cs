using System;
using VcfTasks.Core.Model;

namespace VcfTasks;

/// <summary>
/// How a server pages one listing, as its answers say: whether pages count from 0 or 1, how many tasks a page holds as
/// served (larger or smaller than asked), and how many pages there are (<c>totalPages</c>, else <c>totalElements</c> and
/// the served size; the larger when one answer's counts disagree, with a warning).
/// </summary>
internal sealed class PageShape
{
    private readonly int _asked;
    private readonly VcfConnection _connection;
    private bool _warned;

    public PageShape(int askedSize, VcfConnection connection)
    {
        _asked = askedSize;
        _connection = connection;
        ServedSize = askedSize;
    }

    /// <summary>
    /// A listing made for a wait or a watch, not asked for by the user: that the paging facts disagree is said once a
    /// connection, not at every poll. A listing the user asked for says it every time.
    /// </summary>
    public bool OncePerConnection { get; set; }

    /// <summary>The request number of the first page: 0, or 1 for a server that counts pages from 1.</summary>
    public int Base { get; private set; }

    /// <summary>Whether <see cref="Base"/> is known; until then page 1 is asked for alone.</summary>
    public bool BaseKnown { get; set; }

    /// <summary>Tasks a page holds as the server serves them (the size asked until an answer shows another).</summary>
    public int ServedSize { get; private set; }

    /// <summary>Whether <see cref="ServedSize"/> comes from an answer.</summary>
    public bool SizeKnown { get; private set; }

    /// <summary>Pages the listing has, as the latest answer counts them; null when it gave no count.</summary>
    public int? PageCount { get; private set; }

    /// <summary>Page 0's answer: the numbering and the served size.</summary>
    public void LearnFromFirst(int elements, PageMetadata? meta, int? total, int? pages)
    {
        if (meta?.PageNumber is { } number)
        {
            BaseKnown = true;
            if (number == 1)
            {
                Base = 1;
                VcfLog.Write(VcfLogLevel.Verbose, "The server numbered the first page 1: pages are asked for from 1 on.");
            }
        }
        bool more = (total is { } t && t > elements) || (pages is { } p && p > 1);
        if (meta?.PageSize is > 0 and var size)
        {
            ServedSize = more && elements > size ? elements : size;
            SizeKnown = true;
        }
        else if (more && elements > 0)
        {
            ServedSize = elements;
            SizeKnown = true;
        }
        if (SizeKnown && ServedSize != _asked)
            VcfLog.Write(VcfLogLevel.Verbose, $"The server serves {ServedSize} task(s) a page ({_asked} asked).");
        // Numbering unknown and more to come: page 1 is asked alone, to see whether it is page 0 again. Without any
        // paging facts a repeated page 0 cannot be told from a server that ignores paging: pages count from 0.
        if (!BaseKnown && (!more || meta is null)) BaseKnown = true;
    }

    /// <summary>Request 1 answered page 0 again, and the server does not number its pages: it counts them from 1.</summary>
    public void CountFromOne()
    {
        Base = 1;
        BaseKnown = true;
        VcfLog.Write(VcfLogLevel.Verbose, "Request 1 of the task listing answered the first page again: the server counts pages from 1; page 2 is asked next.");
    }

    /// <summary>Every page's answer: the page count, and the served size where a page before the last shows it.</summary>
    public void Update(int index, int elements, PageMetadata? meta, int? total, int? pages)
    {
        if (PageCount is { } known && index + 1 < known && elements > ServedSize)
        {
            ServedSize = elements;
            SizeKnown = true;
        }
        int? fromTotal = total is { } t ? (int)Math.Min(int.MaxValue, ((long)t + ServedSize - 1) / ServedSize) : null;
        if (fromTotal is { } a && pages is { } b && a != b && !_warned && !(OncePerConnection && _connection.PagingFactsWarned))
        {
            // The counts of one answer disagree: follow the larger, so no page is left out; the end shows what it met.
            _warned = true;
            _connection.PagingFactsWarned = true;
            VcfLog.Write(VcfLogLevel.Warning,
                $"The server's paging facts disagree on page {index}: totalPages {b}, but totalElements {total} at {ServedSize} a page make {a} page(s). The listing follows the larger, {Math.Max(a, b)}.");
        }
        PageCount = meta is null || (fromTotal is null && pages is null) ? null : Math.Max(fromTotal ?? 0, pages ?? 0);
    }

    /// <summary>Whether a page of <paramref name="elements"/> tasks is short: the last, where no count says otherwise.</summary>
    public bool IsShort(int elements) => elements < (SizeKnown ? ServedSize : _asked);
}
