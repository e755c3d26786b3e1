using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Tests.Support;

/// <summary>Which paging facts a generated server writes in <c>pageMetadata</c>.</summary>
internal enum ModelMetadata
{
    /// <summary>pageNumber, pageSize, totalElements and totalPages.</summary>
    Full,
    /// <summary>No totalPages.</summary>
    NoTotalPages,
    /// <summary>No totalElements.</summary>
    NoTotalElements,
    /// <summary>totalElements and totalPages only (no pageNumber, no pageSize).</summary>
    CountsOnly,
    /// <summary>No pageMetadata at all; with it the server pages as asked or sends everything at once (the 4.5 way).</summary>
    None,
}

/// <summary>
/// One generated server behaviour for the pager's model-based test, drawn from a seed: how pages are numbered, how many
/// tasks a page holds, which paging facts it writes, how the list grows while it is read, and whether concurrent
/// requests are served in the order they came.
/// </summary>
internal sealed record ModelBehaviour(
    int Seed,
    int Initial,
    int Base,
    int AskedSize,
    int? ServedSize,
    bool Everything,
    ModelMetadata Metadata,
    int GrowPerRequest,
    bool GrowAtFront,
    bool OutOfOrder,
    int ThrottleLimit,
    ulong Skip,
    ulong First,
    bool ConsumerRemoves)
{
    /// <summary>Whether the list stays as it was for the whole listing.</summary>
    public bool Stable => GrowPerRequest == 0 && !ConsumerRemoves;

    public static ModelBehaviour From(int seed)
    {
        var r = new Random(seed);
        int asked = r.Next(3, 13);
        var metadata = (ModelMetadata)r.Next(0, 5);
        int? served = null;
        bool everything = false;
        if (metadata == ModelMetadata.None)
        {
            // Without any paging facts a server can only be followed when it pages as asked or sends everything:
            // a capped page would look like the last one to any client.
            everything = r.Next(2) == 0;
        }
        else
        {
            served = r.Next(3) switch
            {
                0 => null,
                1 => r.Next(1, asked),       // smaller than asked (a capped server)
                _ => asked + r.Next(1, 20),  // larger than asked (a fixed page size)
            };
        }
        // Tasks arriving between two requests: fewer than half a page, as on a busy SDDC Manager (a list that grows by
        // a page or more a request cannot be read to its end by any client; OutrunTests covers that one).
        int page = everything ? int.MaxValue : served ?? asked;
        int most = Math.Min(4, (page - 1) / 2);
        int grow = r.Next(3) == 0 || most < 1 ? 0 : r.Next(1, most + 1);
        bool paged = r.Next(3) == 0;
        return new ModelBehaviour(
            seed,
            Initial: r.Next(0, 4) == 0 ? r.Next(0, 4) : r.Next(1, 100),
            // Without paging facts a server counting from 1 cannot be told from one that ignores paging.
            Base: metadata == ModelMetadata.None ? 0 : r.Next(2),
            AskedSize: asked,
            ServedSize: served,
            Everything: everything,
            Metadata: metadata,
            GrowPerRequest: grow,
            GrowAtFront: r.Next(2) == 0,
            OutOfOrder: r.Next(2) == 0,
            ThrottleLimit: r.Next(1, 17),
            Skip: paged ? (ulong)r.Next(0, 30) : 0,
            First: paged ? (ulong)r.Next(1, 60) : ulong.MaxValue,
            // The headline pipeline: each task listed is retried at once and leaves the listing's filter (-Status Failed).
            ConsumerRemoves: !everything && r.Next(3) == 0);
    }
}

/// <summary>
/// A task listing server that behaves as a <see cref="ModelBehaviour"/> says. The list is newest first; a request is
/// served from the list as it is at that moment, after which <see cref="ModelBehaviour.GrowPerRequest"/> new tasks
/// arrive (at the front or the end). Out of order, a request first waits a drawn few milliseconds, so that requests
/// sent side by side are served in another order than sent.
/// </summary>
internal sealed class ModelServer
{
    private readonly object _gate = new();
    private readonly List<string> _ids;
    private readonly Random _random;
    private int _created;

    public ModelServer(ModelBehaviour behaviour)
    {
        Behaviour = behaviour;
        _random = new Random(behaviour.Seed ^ 0x5eed);
        _ids = Enumerable.Range(0, behaviour.Initial).Select(i => $"t{behaviour.Initial - 1 - i:D4}").ToList();
        _created = behaviour.Initial;
        Initial = _ids.ToArray();
        Transport = new FakeTransport(RespondAsync);
    }

    public ModelBehaviour Behaviour { get; }

    public FakeTransport Transport { get; }

    /// <summary>The tasks there before the listing began, in the server's order: each is there throughout.</summary>
    public IReadOnlyList<string> Initial { get; }

    /// <summary>Page requests served.</summary>
    public int Served { get; private set; }

    /// <summary>Takes tasks out of the list, as a retry takes a task out of a <c>-Status Failed</c> listing.</summary>
    public void Remove(IEnumerable<string> ids)
    {
        lock (_gate)
            foreach (var id in ids) _ids.Remove(id);
    }

    private async Task<HttpResponseMessage> RespondAsync(SeenRequest request, CancellationToken ct)
    {
        int delay;
        lock (_gate) delay = Behaviour.OutOfOrder ? _random.Next(0, 3) : 0;
        if (delay > 0) await Task.Delay(delay, ct);
        var query = request.QueryPairs;
        int number = int.Parse(query["pageNumber"], CultureInfo.InvariantCulture);
        int asked = int.Parse(query["pageSize"], CultureInfo.InvariantCulture);
        string[] list;
        lock (_gate)
        {
            list = _ids.ToArray();
            Served++;
            for (int i = 0; i < Behaviour.GrowPerRequest; i++)
            {
                var id = $"t{_created++:D4}";
                if (Behaviour.GrowAtFront) _ids.Insert(0, id);
                else _ids.Add(id);
            }
        }
        var b = Behaviour;
        int size = b.Everything ? Math.Max(1, list.Length) : b.ServedSize ?? asked;
        // A server counting from 1 answers both 0 and 1 with its first page.
        int index = Math.Max(0, number - b.Base);
        var elements = list.Skip(index * size).Take(b.Everything ? list.Length : size).Select(id => Respond.Task(id)).ToArray();
        int totalPages = (list.Length + size - 1) / size;
        return b.Metadata switch
        {
            ModelMetadata.None => Respond.Page(elements),
            ModelMetadata.NoTotalPages => Respond.Object(200, new { elements, pageMetadata = new { pageNumber = index + b.Base, pageSize = size, totalElements = list.Length } }),
            ModelMetadata.NoTotalElements => Respond.Object(200, new { elements, pageMetadata = new { pageNumber = index + b.Base, pageSize = size, totalPages } }),
            ModelMetadata.CountsOnly => Respond.Object(200, new { elements, pageMetadata = new { totalElements = list.Length, totalPages } }),
            _ => Respond.Page(elements, index + b.Base, size, list.Length, totalPages),
        };
    }
}
