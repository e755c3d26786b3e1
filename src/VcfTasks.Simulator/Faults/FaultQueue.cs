namespace VcfTasks.Simulator.Faults;

/// <summary>Queued faults, first queued first served; each is used up after its count of matching requests.</summary>
internal sealed class FaultQueue
{
    private readonly object _gate = new();
    private readonly List<(FaultSpec Spec, int Remaining)> _queue = [];
    private int _nextId;

    public string Add(FaultSpec spec)
    {
        lock (_gate)
        {
            spec.Id = "fault-" + ++_nextId;
            _queue.Add((spec, spec.Count));
            return spec.Id;
        }
    }

    /// <summary>Takes one use of the first fault that matches, or null.</summary>
    public FaultSpec? Take(string method, string path)
    {
        lock (_gate)
        {
            var i = _queue.FindIndex(f => f.Spec.Matches(method, path));
            if (i < 0)
            {
                return null;
            }

            var (spec, remaining) = _queue[i];
            if (remaining <= 1)
            {
                _queue.RemoveAt(i);
            }
            else
            {
                _queue[i] = (spec, remaining - 1);
            }

            return spec;
        }
    }

    /// <summary>The pending faults with the uses they have left.</summary>
    public IReadOnlyList<object> Pending()
    {
        lock (_gate)
        {
            return _queue.Select(f => (object)new { id = f.Spec.Id, method = f.Spec.Method, path = f.Spec.Path, kind = f.Spec.Kind, remaining = f.Remaining }).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }
}
