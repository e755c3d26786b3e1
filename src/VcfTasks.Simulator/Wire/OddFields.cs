using System.Globalization;
using System.Text.Json.Nodes;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Wire;

/// <summary>The odd values <see cref="TaskQuirks"/> puts in one field of an object; every choice is drawn from the task's own <see cref="Random"/>.</summary>
internal static class OddFields
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

    internal static void Status(JsonObject o, Random r)
    {
        if (o["status"] is JsonValue v && v.TryGetValue<string>(out var raw) && Spellings.TryGetValue(Statuses.Normalize(raw), out var forms))
        {
            o["status"] = forms[r.Next(forms.Length)];
        }
    }

    internal static void Timestamps(JsonObject o, Random r)
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
    internal static void WrongKind(JsonObject o, string name, Random r, int oneIn)
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
    internal static void Flag(JsonObject o, string name, Random r, bool fallback)
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
    internal static void List(JsonObject o, string name, Random r, Action<JsonObject, Random> each)
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

    internal static void NullList(JsonObject o, string name, Random r, int oneIn)
    {
        if (o[name] is JsonArray && r.Next(oneIn) == 0)
        {
            o[name] = null;
        }
    }

    /// <summary>One unknown field of any kind of value; every object at every depth gets one.</summary>
    internal static void Unknown(JsonObject o, Random r)
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
}
