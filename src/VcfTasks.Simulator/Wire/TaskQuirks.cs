using System.Globalization;
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
    private static readonly string[] UnknownNames = ["vendorExtension", "_links", "etag", "tenantId", "x-trace", "auditInfo"];

    /// <summary>Every spelling of each status that the spec lists; NOT_APPLICABLE only for sub-tasks.</summary>
    private static readonly Dictionary<string, string[]> Spellings = new()
    {
        [Statuses.Pending] = [Statuses.Pending, "Pending"],
        [Statuses.InProgress] = [Statuses.InProgress, "In Progress"],
        [Statuses.Successful] = [Statuses.Successful, "Successful"],
        [Statuses.Failed] = [Statuses.Failed, "Failed"],
        [Statuses.Cancelled] = [Statuses.Cancelled, "Cancelled"],
    };

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
        Status(task, r);
        Timestamps(task, r);
        if (!truth.IsCredentialsTask)
        {
            // A credentials task is told by its name and type; those stay readable so that it stays one.
            WrongKind(task, "name", r, 8);
            WrongKind(task, "type", r, 5);
        }

        WrongKind(task, "resolutionStatus", r, 4);
        var status = Statuses.Normalize(truth.Status);
        Flag(task, "isRetryable", r, status == Statuses.Failed && !truth.IsCredentialsTask);
        Flag(task, "isCancellable", r, status == Statuses.InProgress);
        if (task["localizableDescriptionPack"] is JsonObject pack)
        {
            if (r.Next(5) == 0)
            {
                task["localizableDescriptionPack"] = "com.vmware.vcf.orchestrator.messages";
            }
            else
            {
                NullList(pack, "arguments", r, 2);
                WrongKind(pack, "message", r, 4);
                Unknown(pack, r);
            }
        }

        List(task, "subTasks", r, SubTask);
        List(task, "errors", r, Error);
        List(task, "resources", r, Resource);
        Unknown(task, r);
    }

    /// <summary>Unknown fields on the page and in its metadata; the metadata's numbers stay as they are.</summary>
    public void Page(JsonObject page)
    {
        var r = Rng("page", "");
        Unknown(page, r);
        page["links"] = null;
        if (page["pageMetadata"] is JsonObject meta)
        {
            Unknown(meta, r);
            meta["sort"] = null;
        }
    }

    private void SubTask(JsonObject sub, Random r)
    {
        Status(sub, r);
        Timestamps(sub, r);
        WrongKind(sub, "description", r, 6);
        WrongKind(sub, "type", r, 6);
        if (sub["documentationLink"] is JsonObject && r.Next(3) == 0)
        {
            sub["documentationLink"] = "https://docs.vmware.com/";
        }

        List(sub, "stages", r, Stage);
        List(sub, "errors", r, Error);
        List(sub, "resources", r, Resource);
        List(sub, "subTasks", r, SubTask);
        Unknown(sub, r);
    }

    private void Stage(JsonObject stage, Random r)
    {
        Status(stage, r);
        Timestamps(stage, r);
        WrongKind(stage, "description", r, 5);
        WrongKind(stage, "type", r, 5);
        List(stage, "errors", r, Error);
        Unknown(stage, r);
    }

    private void Error(JsonObject error, Random r)
    {
        WrongKind(error, "errorType", r, 4);
        WrongKind(error, "remediationMessage", r, 4);
        if (r.Next(4) == 0)
        {
            error["referenceToken"] = r.Next(100_000, 999_999);
        }

        if (error["arguments"] is JsonArray args && r.Next(3) == 0)
        {
            args.Add(r.Next(100));
            args.Add(null);
        }

        NullList(error, "arguments", r, 3);
        if (r.Next(3) == 0)
        {
            error["context"] = r.Next(2) == 0 ? null : new JsonObject { ["attempt"] = 1, ["host"] = new JsonObject { ["fqdn"] = null } };
        }

        List(error, "causes", r, (cause, rr) => { WrongKind(cause, "type", rr, 3); Unknown(cause, rr); });
        List(error, "nestedErrors", r, Error);
        Unknown(error, r);
    }

    private void Resource(JsonObject resource, Random r)
    {
        WrongKind(resource, "fqdn", r, 4);
        WrongKind(resource, "name", r, 6);
        NullList(resource, "sans", r, 2);
        if (r.Next(8) == 0)
        {
            resource["resourceId"] = r.Next(1, 10_000);
        }

        Unknown(resource, r);
    }

    private static void Status(JsonObject o, Random r)
    {
        if (o["status"] is JsonValue v && v.TryGetValue<string>(out var raw) && Spellings.TryGetValue(Statuses.Normalize(raw), out var forms))
        {
            o["status"] = forms[r.Next(forms.Length)];
        }
    }

    private static void Timestamps(JsonObject o, Random r)
    {
        o["creationTimestamp"] = Timestamp(o["creationTimestamp"], r);
        o["completionTimestamp"] = Timestamp(o["completionTimestamp"], r);
    }

    /// <summary>A timestamp in one of its forms; a null (an unfinished task's completion) stays null.</summary>
    private static JsonNode? Timestamp(JsonNode? value, Random r)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || Statuses.Parse(text) is not { } t)
        {
            return value?.DeepClone();
        }

        var utc = t.UtcDateTime;
        string Iso(string zone) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + zone;
        return r.Next(9) switch
        {
            0 => Iso("+00:00"),
            1 => Iso("+0000"),
            2 => Iso(""),
            3 => t.ToUnixTimeMilliseconds(),
            4 => "not a timestamp",
            5 => new JsonObject { ["epochSecond"] = t.ToUnixTimeSeconds(), ["nano"] = 0 },
            _ => text,
        };
    }

    /// <summary>One time in <paramref name="oneIn"/>, a present value becomes a number, a boolean, an object or an array.</summary>
    private static void WrongKind(JsonObject o, string name, Random r, int oneIn)
    {
        if (o[name] is not { } value || r.Next(oneIn) != 0)
        {
            return;
        }

        o[name] = r.Next(4) switch
        {
            0 => (JsonNode)r.Next(1, 1000),
            1 => true,
            2 => new JsonObject { ["value"] = value.DeepClone(), ["locale"] = null },
            _ => new JsonArray(value.DeepClone()),
        };
    }

    /// <summary>
    /// A boolean as true/false, "true"/"false" or 1/0; and, where a client falling back on the status would
    /// give the same answer (<paramref name="fallback"/>), also as null, an object or an array.
    /// </summary>
    private static void Flag(JsonObject o, string name, Random r, bool fallback)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue<bool>(out var b))
        {
            return;
        }

        var choices = b == fallback ? 6 : 3;
        o[name] = r.Next(choices) switch
        {
            0 => b ? "true" : "false",
            1 => b ? 1 : 0,
            3 => null,
            4 => new JsonObject(),
            5 => new JsonArray(),
            _ => b,
        };
    }

    /// <summary>A list: sometimes an object in its place or a null among its elements; an empty one sometimes null; each object element made odd.</summary>
    private static void List(JsonObject o, string name, Random r, Action<JsonObject, Random> each)
    {
        if (o[name] is not JsonArray list)
        {
            return;
        }

        if (list.Count == 0)
        {
            NullList(o, name, r, 2);
            return;
        }

        foreach (var element in list.OfType<JsonObject>())
        {
            each(element, r);
        }

        switch (r.Next(12))
        {
            case 0:
                o[name] = new JsonObject { ["count"] = list.Count };
                break;
            case 1:
                list.Insert(0, null);
                break;
        }
    }

    private static void NullList(JsonObject o, string name, Random r, int oneIn)
    {
        if (o[name] is JsonArray && r.Next(oneIn) == 0)
        {
            o[name] = null;
        }
    }

    /// <summary>One unknown field of any kind of value; every object at every depth gets one.</summary>
    private static void Unknown(JsonObject o, Random r)
    {
        var name = UnknownNames[r.Next(UnknownNames.Length)];
        if (o.ContainsKey(name))
        {
            return;
        }

        o[name] = r.Next(11) switch
        {
            0 => null,
            1 => true,
            2 => 0,
            3 => -1.5,
            4 => 1e300,
            5 => "",
            6 => "text",
            7 => new JsonObject(),
            8 => new JsonObject { ["a"] = new JsonArray(1, new JsonObject { ["b"] = null }) },
            9 => new JsonArray(),
            _ => new JsonArray((JsonNode?)null),
        };
    }

    private Random Rng(string what, string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{what}#{seed}#{id}"), digest);
        return new Random(BitConverter.ToInt32(digest[..4]));
    }
}
