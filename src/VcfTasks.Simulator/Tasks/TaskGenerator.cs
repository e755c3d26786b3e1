using System.Globalization;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Generates realistic tasks from a seed. Everything, ids included, comes from one seeded
/// <see cref="Random"/> and a fixed anchor time, so a seed always gives byte-identical tasks.
/// </summary>
internal sealed class TaskGenerator(int seed, DateTimeOffset anchor)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private readonly Random _rng = new(seed);

    /// <summary>The seed's three tasks first (when wanted), then generated ones up to <paramref name="count"/>.</summary>
    public List<SimTask> Generate(int count, bool includeSeedTasks)
    {
        var tasks = includeSeedTasks ? SeedTasks.Create().Take(count).ToList() : [];
        while (tasks.Count < count)
        {
            tasks.Add(Next());
        }

        return tasks;
    }

    /// <summary>One more task, created at <paramref name="created"/> (a task a live server creates during a listing).</summary>
    public SimTask NextCreatedAt(DateTimeOffset created) => Next(created);

    private SimTask Next(DateTimeOffset? createdAt = null)
    {
        var template = TaskCatalog.Templates[_rng.Next(TaskCatalog.Templates.Count)];
        var id = NewGuid();
        // Drawn either way, so that a given time does not change the tasks that come after.
        var age = TimeSpan.FromMilliseconds(_rng.NextInt64((long)Window.TotalMilliseconds));
        var created = createdAt ?? anchor - age;
        var status = PickStatus();
        var resources = Resources(template.ResourceType);
        var target = resources[0].Fqdn ?? resources[0].Name ?? resources[0].ResourceId;
        var name = string.Format(CultureInfo.InvariantCulture, template.NameFormat, target);

        // Steps take between 5 s and 10 min each; step j starts at stepStarts[j].
        var steps = template.Steps.Count;
        var stepStarts = new DateTimeOffset[steps + 1];
        stepStarts[0] = created;
        for (var j = 1; j <= steps; j++)
        {
            stepStarts[j] = stepStarts[j - 1] + TimeSpan.FromMilliseconds(_rng.Next(5_000, 600_000));
        }

        var subTasks = template.Steps.Select(s => NewSubTask(s, target)).ToList();
        var current = status switch
        {
            Statuses.Successful or Statuses.CompletedWithWarning => steps,
            Statuses.Pending => -1,
            _ => _rng.Next(steps),
        };
        ApiError? stepError = status == Statuses.Failed ? FailureFactory.StepError(_rng, target) : null;
        var stepStatus = status is Statuses.Pending ? Statuses.Pending : status;
        StepPainter.Paint(subTasks, current, stepStatus, j => stepStarts[Math.Max(0, j)], stepError);
        if (status == Statuses.CompletedWithWarning && subTasks.Count > 1)
        {
            // A warning run skipped a step that did not apply to this environment.
            var skipped = subTasks[^1];
            skipped.Status = Statuses.NotApplicable;
            skipped.Stages = null;
        }

        var finished = status is not (Statuses.InProgress or Statuses.Pending);
        var completed = finished ? stepStarts[Math.Clamp(current + 1, 1, steps)] : (DateTimeOffset?)null;
        var task = new SimTask
        {
            Id = id,
            Name = name,
            Type = template.Type,
            // Real servers spell task statuses both ways; sub-tasks always upper case.
            Status = _rng.Next(2) == 0 ? Statuses.TitleCase(status) : status,
            CreationTimestamp = Statuses.Format(created),
            CompletionTimestamp = completed is { } c ? Statuses.Format(c) : null,
            SubTasks = subTasks,
            Errors = stepError is null ? [] : [FailureFactory.TaskError(_rng, template.ErrorCode, name, target, stepError)],
            Resources = resources,
            ResolutionStatus = status == Statuses.Failed || _rng.Next(4) == 0 ? "UNRESOLVED" : "RESOLVED",
            IsCancellable = status == Statuses.InProgress && !template.IsCredentials,
            IsRetryable = status == Statuses.Failed && !template.IsCredentials,
            IsCredentialsTask = template.IsCredentials,
            LocalizableDescriptionPack = _rng.Next(3) == 0 ? NewDescriptionPack(template, name, target) : null,
        };

        // Some servers leave optional fields out; clients must cope.
        var quirk = _rng.Next(100);
        if (quirk < 5 && !template.IsCredentials)
        {
            task.Type = null;
        }
        else if (quirk < 9)
        {
            task.SubTasks = null;
        }

        return task;
    }

    private string PickStatus()
    {
        var roll = _rng.Next(100);
        return roll switch
        {
            < 60 => Statuses.Successful,
            < 75 => Statuses.Failed,
            < 85 => Statuses.InProgress,
            < 89 => Statuses.Pending,
            < 95 => Statuses.Cancelled,
            _ => Statuses.CompletedWithWarning,
        };
    }

    private SimSubTask NewSubTask((string Name, string Description) step, string target)
    {
        var stageCount = _rng.Next(4);
        return new SimSubTask
        {
            Name = string.Format(CultureInfo.InvariantCulture, step.Name, target),
            Type = step.Name.Contains(':', StringComparison.Ordinal) ? null : StepType(step.Name),
            Description = string.Format(CultureInfo.InvariantCulture, step.Description, target),
            Stages = stageCount == 0
                ? null
                : TaskCatalog.Stages.Take(stageCount)
                    .Select(s => new SimStage { Name = s.Name, Type = s.Type, Description = s.Description })
                    .ToList(),
        };
    }

    /// <summary>"HostVibValidationAction" becomes "HOST_VIB_VALIDATION", the machine-readable style of task types.</summary>
    private static string StepType(string stepName)
    {
        var name = stepName.EndsWith("Action", StringComparison.Ordinal) ? stepName[..^"Action".Length] : stepName;
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(name[i]));
        }

        return sb.ToString();
    }

    private List<SimResource> Resources(string type)
    {
        var w = _rng.Next(1, 4);
        var domain = new SimResource { ResourceId = NewGuid(), Type = "DOMAIN", Name = $"sfo-w0{w}" };
        switch (type)
        {
            case "HOST":
                var fqdn = $"sfo01-w0{w}-esx{_rng.Next(1, 33):00}.rainpole.io";
                return [new SimResource { ResourceId = NewGuid(), Fqdn = fqdn, Type = "HOST", Name = fqdn }];
            case "CLUSTER":
                return [new SimResource { ResourceId = NewGuid(), Type = "CLUSTER", Name = $"sfo-w0{w}-cl0{_rng.Next(1, 4)}" }, domain];
            case "VCENTER":
                var vc = $"sfo-w0{w}-vc01.rainpole.io";
                return [new SimResource { ResourceId = NewGuid(), Fqdn = vc, Type = "VCENTER", Name = vc, Sans = [vc] }];
            case "SDDC_MANAGER":
                return [new SimResource { ResourceId = NewGuid(), Fqdn = "sfo-vcf01.rainpole.io", Type = "SDDC_MANAGER", Name = "sfo-vcf01" }];
            default:
                return [domain];
        }
    }

    private static DescriptionPack NewDescriptionPack(TaskTemplate template, string name, string target) => new()
    {
        Component = "com.vmware.vcf.orchestrator",
        MessageKey = template.Type.ToLowerInvariant() + ".desc",
        Arguments = [target],
        Message = name,
        Bundle = "com.vmware.vcf.orchestrator.messages",
    };

    /// <summary>A version-4 GUID from the seeded Random, never Guid.NewGuid, so ids repeat with the seed.</summary>
    private string NewGuid()
    {
        Span<byte> b = stackalloc byte[16];
        _rng.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }
}
