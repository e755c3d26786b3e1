using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Wire;

/// <summary>
/// Writes the credentials API's answers; with <c>--quirks</c> (a seed given) as a server that is not ours may write
/// them, as <see cref="TaskQuirks"/> does for tasks: explicit nulls, an unknown field in every object, statuses in
/// every spelling, timestamps in every form, the odd value of the wrong kind in a text field. What stays readable:
/// ids, statuses as text, the operation type, and the resources, types and users a retry sends back.
/// </summary>
internal sealed class CredentialsWriter(int? quirksSeed)
{
    private static readonly JsonSerializerOptions WithNulls = new(SimJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public byte[] Task(CredentialsTask task) => quirksSeed is null ? SimJson.Bytes(task) : Bytes(Odd(task));

    public byte[] Page(Page<CredentialsTask> page)
    {
        if (quirksSeed is null)
        {
            return SimJson.Bytes(page);
        }

        var node = new JsonObject
        {
            ["elements"] = new JsonArray([.. page.Elements.Select(Odd)]),
            ["pageMetadata"] = JsonSerializer.SerializeToNode(page.PageMetadata, WithNulls),
        };
        OddFields.Unknown(node, Rng("page", ""));
        return Bytes(node);
    }

    public byte[] Resources(List<ResourceCredentials> resources)
    {
        if (quirksSeed is null)
        {
            return SimJson.Bytes(resources);
        }

        var array = JsonSerializer.SerializeToNode(resources, WithNulls)!.AsArray();
        foreach (var (item, i) in array.Select((n, i) => (n, i)))
        {
            if (item is JsonObject o)
            {
                var r = Rng("resource", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                OddFields.Unknown(o, r);
                foreach (var c in (o["credentials"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    OddFields.Unknown(c, r);
                }
            }
        }

        return Bytes(array);
    }

    private JsonObject Odd(CredentialsTask task)
    {
        var node = JsonSerializer.SerializeToNode(task, WithNulls)!.AsObject();
        var r = Rng("credentials", task.Id);
        OddFields.Status(node, r);
        OddFields.Timestamps(node, r);
        OddFields.Unknown(node, r);
        // Each sub-task made odd in place; the list itself stays a list, since the resources a client shows and
        // sends back are read from it.
        foreach (var sub in (node["subTasks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            OddFields.Status(sub, r);
            OddFields.Timestamps(sub, r);
            OddFields.WrongKind(sub, "description", r, 4);
            OddFields.Unknown(sub, r);
        }

        return node;
    }

    private Random Rng(string what, string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{what}#{quirksSeed}#{id}"), digest);
        return new Random(BitConverter.ToInt32(digest[..4]));
    }

    private static byte[] Bytes(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node, SimJson.Options);
}
