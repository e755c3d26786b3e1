using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Wire;

/// <summary>
/// The <c>--quirks</c> mode: tasks written as a server that is not ours may write them, in valid JSON that a
/// strict reader chokes on. Every object at every depth carries an unknown field; absent fields are explicit
/// nulls (see <see cref="TaskWriter"/>); optional fields sometimes hold a value of the wrong kind (number,
/// boolean, object or array where text belongs, text or numbers where a boolean belongs, an object where a list
/// belongs, a null inside a list); timestamps come in every form (ISO-8601 with Z, +00:00, +0000 or no zone,
/// epoch milliseconds as a number, garbage text, an object); statuses in every spelling the spec lists.
/// <para>
/// What stays readable: a task's <c>id</c> and its <c>status</c> (as text), the name and type of credentials
/// tasks, and <c>isRetryable</c>/<c>isCancellable</c> wherever a client's documented fallback (FAILED and not a
/// credentials task; IN_PROGRESS) would not give the server's answer. So a lenient client sees the same tasks,
/// states and actions as against a plain server. Each choice is a hash of (seed, task id): the same seed gives
/// the same bytes for the same state.
/// </para>
/// </summary>
internal sealed class TaskQuirks(int seed)
{
    /// <summary>Turns about one in ten SUCCESSFUL generated tasks into SKIPPED ones, the one listed status the generator never makes.</summary>
    public void AddSkipped(IEnumerable<SimTask> tasks)
    {
        foreach (var t in tasks)
        {
            if (Statuses.Normalize(t.Status) == Statuses.Successful && Rng("skipped", t.Id).Next(10) == 0)
            {
                t.Status = Statuses.Skipped;
                foreach (var sub in t.SubTasks ?? [])
                {
                    sub.Status = Statuses.Skipped;
                }
            }
        }
    }

    /// <summary>Makes one written task odd; <paramref name="truth"/> is the task it was written from.</summary>
    public void Task(JsonObject task, SimTask truth)
    {
        var r = Rng("task", truth.Id);
        OddFields.Status(task, r);
        OddFields.Timestamps(task, r);
        if (!truth.IsCredentialsTask)
        {
            // A credentials task is told by its name and type; those stay readable so that it stays one.
            OddFields.WrongKind(task, "name", r, 8);
            OddFields.WrongKind(task, "type", r, 5);
        }

        OddFields.WrongKind(task, "resolutionStatus", r, 4);
        var status = Statuses.Normalize(truth.Status);
        OddFields.Flag(task, "isRetryable", r, status == Statuses.Failed && !truth.IsCredentialsTask);
        OddFields.Flag(task, "isCancellable", r, status == Statuses.InProgress);
        if (task["localizableDescriptionPack"] is JsonObject pack)
        {
            if (r.Next(5) == 0)
            {
                task["localizableDescriptionPack"] = "com.vmware.vcf.orchestrator.messages";
            }
            else
            {
                OddFields.NullList(pack, "arguments", r, 2);
                OddFields.WrongKind(pack, "message", r, 4);
                OddFields.Unknown(pack, r);
            }
        }

        OddFields.List(task, "subTasks", r, SubTask);
        OddFields.List(task, "errors", r, Error);
        OddFields.List(task, "resources", r, Resource);
        OddFields.Unknown(task, r);
    }

    /// <summary>Unknown fields on the page and in its metadata; the metadata's numbers stay as they are.</summary>
    public void Page(JsonObject page)
    {
        var r = Rng("page", "");
        OddFields.Unknown(page, r);
        page["links"] = null;
        if (page["pageMetadata"] is JsonObject meta)
        {
            OddFields.Unknown(meta, r);
            meta["sort"] = null;
        }
    }

    private void SubTask(JsonObject sub, Random r)
    {
        OddFields.Status(sub, r);
        OddFields.Timestamps(sub, r);
        OddFields.WrongKind(sub, "description", r, 6);
        OddFields.WrongKind(sub, "type", r, 6);
        if (sub["documentationLink"] is JsonObject && r.Next(3) == 0)
        {
            sub["documentationLink"] = "https://docs.vmware.com/";
        }

        OddFields.List(sub, "stages", r, Stage);
        OddFields.List(sub, "errors", r, Error);
        OddFields.List(sub, "resources", r, Resource);
        OddFields.List(sub, "subTasks", r, SubTask);
        OddFields.Unknown(sub, r);
    }

    private void Stage(JsonObject stage, Random r)
    {
        OddFields.Status(stage, r);
        OddFields.Timestamps(stage, r);
        OddFields.WrongKind(stage, "description", r, 5);
        OddFields.WrongKind(stage, "type", r, 5);
        OddFields.List(stage, "errors", r, Error);
        OddFields.Unknown(stage, r);
    }

    private void Error(JsonObject error, Random r)
    {
        OddFields.WrongKind(error, "errorType", r, 4);
        OddFields.WrongKind(error, "remediationMessage", r, 4);
        if (r.Next(4) == 0)
        {
            error["referenceToken"] = r.Next(100_000, 999_999);
        }

        if (error["arguments"] is JsonArray args && r.Next(3) == 0)
        {
            args.Add(r.Next(100));
            args.Add(null);
        }

        OddFields.NullList(error, "arguments", r, 3);
        if (r.Next(3) == 0)
        {
            error["context"] = r.Next(2) == 0 ? null : new JsonObject { ["attempt"] = 1, ["host"] = new JsonObject { ["fqdn"] = null } };
        }

        OddFields.List(error, "causes", r, (cause, rr) => { OddFields.WrongKind(cause, "type", rr, 3); OddFields.Unknown(cause, rr); });
        OddFields.List(error, "nestedErrors", r, Error);
        OddFields.Unknown(error, r);
    }

    private void Resource(JsonObject resource, Random r)
    {
        OddFields.WrongKind(resource, "fqdn", r, 4);
        OddFields.WrongKind(resource, "name", r, 6);
        OddFields.NullList(resource, "sans", r, 2);
        if (r.Next(8) == 0)
        {
            resource["resourceId"] = r.Next(1, 10_000);
        }

        OddFields.Unknown(resource, r);
    }

    private Random Rng(string what, string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{what}#{seed}#{id}"), digest);
        return new Random(BitConverter.ToInt32(digest[..4]));
    }
}
