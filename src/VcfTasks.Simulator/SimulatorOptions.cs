namespace VcfTasks.Simulator;

/// <summary>
/// Everything that shapes one simulator instance. Each property mirrors a command-line option
/// (see <see cref="OptionsParser"/>); the defaults are those of the command line.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 asks the OS for a free one.</summary>
    public int Port { get; set; }

    /// <summary>Number of tasks to generate, the seed's three included (ignored with <see cref="FixturePath"/>).</summary>
    public int TaskCount { get; set; } = 50;

    /// <summary>Seed of the generator: the same seed (and anchor) gives byte-identical tasks.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Load tasks from this JSON file (a PageOfTask object or an array of Task) instead of generating them.</summary>
    public string? FixturePath { get; set; }

    /// <summary>When false, the three tasks of the product page are not part of the generated set.</summary>
    public bool IncludeSeedTasks { get; set; } = true;

    /// <summary>How long each subtask of a retried task runs, in milliseconds.</summary>
    public int StepMs { get; set; } = 500;

    /// <summary>Lifetime of issued access tokens, in seconds (the <c>exp</c> claim is <c>iat</c> plus this).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Delay added to every <c>/v1</c> request, in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share (0-100) of retries that end FAILED again, decided per task id and attempt.</summary>
    public int RetryFailurePercent { get; set; } = 20;

    /// <summary>Fixed user name; a null value means <c>administrator@vsphere.local</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Fixed password; a null value means a random one per start.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The "now" that generated timestamps count back from. Null means the start of the current
    /// UTC day, so that one seed gives the same data all day long while still looking recent.
    /// </summary>
    public DateTimeOffset? Anchor { get; set; }

    /// <summary>
    /// The SDDC Manager version whose API the simulator plays: "4.5" (no paging, no taskName, no
    /// isRetryable/isCancellable), "5.2" (no doLiveRefresh) or "9.0" (everything; the default).
    /// </summary>
    public string Api { get; set; } = "9.0";

    /// <summary>
    /// Write tasks as a server that is not ours may: explicit nulls, values of the wrong kind, unknown fields
    /// at every depth, every timestamp form and status spelling (see README). Ids and statuses stay readable.
    /// </summary>
    public bool Quirks { get; set; }

    /// <summary>
    /// Add two broken records to the tasks: one written as a bare number, one as a FAILED task with no id.
    /// They take their place in listings (order, paging, totalElements) like any task; a client can only skip them.
    /// </summary>
    public bool JunkElements { get; set; }

    /// <summary>
    /// The number of a listing's first page: 0 (the default), or 1 for a server that counts pages from 1, where
    /// <c>pageNumber=0</c> and <c>pageNumber=1</c> both answer the first page and its <c>pageMetadata</c> says 1.
    /// </summary>
    public int PageBase { get; set; }

    /// <summary>Serve pages of exactly this many tasks whatever <c>pageSize</c> asks (or when it asks nothing); null: as asked.</summary>
    public int? PageSizeServed { get; set; }

    /// <summary>The largest page served: a larger <c>pageSize</c> is served at this size (100 by default, as SDDC Manager).</summary>
    public int PageSizeCap { get; set; } = Tasks.TaskQuery.MaxPageSize;

    /// <summary>
    /// What a page's <c>pageMetadata</c> says: "full" (the default), "no-total-pages", "no-total-elements",
    /// "none" (no <c>pageMetadata</c> at all) or "contradict" (<c>totalPages: 1</c> whatever <c>totalElements</c> says).
    /// </summary>
    public string PageMetadata { get; set; } = "full";

    /// <summary>Tasks created after each answered listing request (a live server); 0, the default, creates none.</summary>
    public int GrowPerPage { get; set; }

    /// <summary>
    /// Where tasks created during a listing land in the default order: "front" (the default; newest, so at the
    /// front of <c>creationTimestamp DESC</c>) or "end" (older than every task, so at the end).
    /// </summary>
    public string GrowAt { get; set; } = "front";

    /// <summary>
    /// When above 0, listing requests that arrive within this many milliseconds of each other are held and
    /// answered together, the last to arrive first, so answers to pages requested side by side come out of order.
    /// </summary>
    public int OutOfOrderMs { get; set; }

    /// <summary>
    /// How many SDDC Managers this process serves (<c>--servers N</c>), each on its own loopback port with its own
    /// tasks (seed <see cref="Seed"/> + its index), tokens, credentials' password, certificate, latency and faults.
    /// </summary>
    public int Servers { get; set; } = 1;

    /// <summary>
    /// The options of server <paramref name="index"/> of a fleet: these, with its own seed (tasks differ) and port
    /// (the next one up when a fixed port was asked for; else a free one).
    /// </summary>
    public SimulatorOptions ForServer(int index)
    {
        var copy = (SimulatorOptions)MemberwiseClone();
        copy.Servers = 1;
        copy.Seed = unchecked(Seed + index);
        copy.Port = Port == 0 ? 0 : Port + index;
        return copy;
    }

    /// <summary>Clock for token expiry and task progress; tests may substitute their own.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
