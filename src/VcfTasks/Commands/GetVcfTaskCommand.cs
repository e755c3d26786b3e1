using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// Gets SDDC Manager tasks: one by id, or a filtered listing streamed page by page.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VcfTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(VcfTask))]
public sealed class GetVcfTaskCommand : VcfCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";
    private const string InputObjectSet = "InputObject";

    /// <summary>Task ids; bound from the pipeline by value or by a property named Id or TaskId.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TaskId")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Tasks to read again, each from the connection it came from.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public VcfTask[] InputObject { get; set; } = Array.Empty<VcfTask>();

    /// <summary>Only tasks in these states; any spelling (Failed, 'In Progress', IN_PROGRESS).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateTaskStatus]
    [ArgumentCompleter(typeof(TaskStatusCompleter))]
    public string[]? Status { get; set; }

    /// <summary>Only tasks whose name contains this text (case-insensitive), or matches it when it has wildcards.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string? Name { get; set; }

    /// <summary>Only tasks of this type, e.g. HOST_COMMISSION.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TaskTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>Only tasks acting on the resource with this id.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? ResourceId { get; set; }

    /// <summary>Only tasks acting on a resource of this type, e.g. HOST.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceTypeCompleter))]
    public string? ResourceType { get; set; }

    /// <summary>Only tasks completed after this time.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public DateTime? CompletedAfter { get; set; }

    /// <summary>Tasks per request, 1 to 100 (default 100).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, TaskQuery.MaxPageSize)]
    public int PageSize { get; set; } = TaskQuery.MaxPageSize;

    /// <summary>
    /// Page requests in flight at most during a listing, 1 to 16 (default <see cref="DefaultThrottleLimit"/>);
    /// 1 requests one page after another. For ids or tasks: tasks of one server read at once.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = IdSet)]
    [Parameter(ParameterSetName = InputObjectSet)]
    [ValidateRange(1, TaskPager.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>The default of -ThrottleLimit; why this value: README, "Benchmark".</summary>
    public const int DefaultThrottleLimit = 8;

    /// <summary>The connections or server names; by default the default connection. Several are listed side by side.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (ParameterSetName == ListSet && Name is not null && WildcardPattern.ContainsWildcardCharacters(Name)) CheckPattern(Name);
        base.BeginProcessing();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ListSet)
        {
            var connections = ResolveConnections(Server);
            ServerListings.Write(this, connections, BuildQuery, ThrottleLimit, stopOnFailure: connections.Count == 1);
            return;
        }
        if (ParameterSetName == IdSet && PipedConnection(Id, Server) is { } piped)
        {
            // A connection down the pipeline ($connection | Get-VcfTask) binds its Id and Server by property name:
            // it asks for that server's tasks, not for a task whose id is the connection's.
            ServerListings.Write(this, new[] { piped }, BuildQuery, ThrottleLimit, stopOnFailure: true);
            return;
        }
        // Ids and tasks are read side by side (a window per server), and written in input order.
        var work = _work ??= new OrderedWork(this, ThrottleLimit);
        var ids = ParameterSetName == IdSet ? Id : null;
        if (OrderedWork.ResolvingMayWrite(ids, Server, InputObject, pipedConnection: false)) work.Drain();
        try
        {
            foreach (var target in TaskTargets(ids, Server, InputObject))
            {
                var t = target;
                work.Add(new WorkItem(t.Connection, item => Get(item, t)));
            }
        }
        catch
        {
            work.Cancel();
            throw;
        }
    }

    private OrderedWork? _work;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        _work?.Drain();
        base.EndProcessing();
    }

    // A pattern that WildcardPattern cannot read (e.g. '[' with no ']') is the user's mistake, said before any request.
    private void CheckPattern(string name)
    {
        try
        {
            new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(string.Empty);
        }
        catch (WildcardPatternException e)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-Name '{name}' is not a valid wildcard pattern: {e.Message} To match a wildcard character literally, escape it with a backtick (`[).", nameof(Name), e),
                "VcfInvalidNamePattern", ErrorCategory.InvalidArgument, name));
        }
    }

    // One id or task: the task as found on several servers already, else read now.
    private IEnumerable<WorkStep> Get(WorkItem item, TaskTarget target)
    {
        if (target.Read is { } found)
        {
            item.Emit(() => WriteObject(found));
            yield break;
        }
        var read = _work!.Start(item, ct => target.Connection.Tasks.GetAsync(target.Id, ct));
        yield return WorkStep.For(read);
        if (WorkItem.Failure(read) is { } error) item.Emit(() => Report(error, target.Id));
        else item.Emit(() => WriteObject(read.Result));
    }

    private TaskQuery BuildQuery() => new()
    {
        Statuses = Status?.Select(s => new VcfTaskStatus(s)).ToArray() ?? Array.Empty<VcfTaskStatus>(),
        Name = NameForServer(Name),
        NameFilter = Name is not null && WildcardPattern.ContainsWildcardCharacters(Name)
            ? new WildcardPattern(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch
            : null,
        Type = Type,
        ResourceId = ResourceId,
        ResourceType = ResourceType,
        // A time without a kind (as typed) is local time, as DateTimeOffset's conversion takes it.
        CompletedAfter = CompletedAfter,
        PageSize = PageSize,
    };

    // The server only knows "contains": for a wildcard pattern, send its longest literal run (outside any
    // [...] class, escapes honoured) to narrow the listing, and match the pattern itself on the client.
    private static string? NameForServer(string? name)
    {
        if (name is null) return null;
        // Only escaped wildcards: the text itself, backticks removed, is what the user asks for.
        if (!WildcardPattern.ContainsWildcardCharacters(name)) return WildcardPattern.Unescape(name);
        string longest = string.Empty;
        var run = new System.Text.StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '`' && i + 1 < name.Length) { run.Append(name[++i]); continue; }
            if (c is '*' or '?' or '[')
            {
                if (run.Length > longest.Length) longest = run.ToString();
                run.Clear();
                if (c == '[')
                {
                    while (i + 1 < name.Length && name[i + 1] != ']') i++;
                    i++;
                }
                continue;
            }
            run.Append(c);
        }
        if (run.Length > longest.Length) longest = run.ToString();
        return longest.Length == 0 ? null : longest;
    }
}
