using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Wire;

/// <summary>
/// Writes tasks and task pages as one server version would (<see cref="ApiProfile"/>), optionally with
/// the oddities of a server that is not ours (<see cref="TaskQuirks"/>). It changes only what goes on the
/// wire, never the tasks: filters, paging, retry and cancel work on the same data in every mode.
/// </summary>
internal sealed class TaskWriter(ApiProfile profile, TaskQuirks? quirks, bool junkElements = false)
{
    /// <summary>Explicit nulls, as a Java server whose JSON mapper writes every field does.</summary>
    private static readonly JsonSerializerOptions WithNulls = new(SimJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>9.0 without quirks: the bytes are exactly <see cref="SimJson.Bytes{T}"/>'s.</summary>
    public static TaskWriter Plain { get; } = new(ApiProfile.V90, null);

    private bool IsPlain => quirks is null && !junkElements && profile.WritesActionFlags && profile.Paged;

    /// <summary>One task as Task JSON.</summary>
    public byte[] Task(SimTask task) => IsPlain ? SimJson.Bytes(task) : Bytes(Node(task));

    /// <summary>
    /// A page as PageOfTask JSON; a version without paging sends no <c>pageMetadata</c>, and <paramref name="metadata"/>
    /// may leave out some or all of it, or make <c>totalPages</c> contradict <c>totalElements</c> (<c>--page-metadata</c>).
    /// </summary>
    public byte[] Page(Page<SimTask> page, PageMetadataMode metadata = PageMetadataMode.Full)
    {
        if (IsPlain && metadata == PageMetadataMode.Full)
        {
            return SimJson.Bytes(page);
        }

        var result = new JsonObject { ["elements"] = new JsonArray([.. page.Elements.Select(Node)]) };
        if (profile.Paged && metadata != PageMetadataMode.None)
        {
            var meta = JsonSerializer.SerializeToNode(page.PageMetadata, quirks is null ? SimJson.Options : WithNulls)!.AsObject();
            switch (metadata)
            {
                case PageMetadataMode.NoTotalPages: meta.Remove("totalPages"); break;
                case PageMetadataMode.NoTotalElements: meta.Remove("totalElements"); break;
                case PageMetadataMode.Contradict: meta["totalPages"] = 1; break;
            }

            result["pageMetadata"] = meta;
        }

        quirks?.Page(result);
        return Bytes(result);
    }

    private JsonNode? Node(SimTask task) => task.Junk is null ? AsTask(task) : JunkElements.Write(task, AsTask);

    private JsonObject AsTask(SimTask task)
    {
        var node = JsonSerializer.SerializeToNode(task, quirks is null ? SimJson.Options : WithNulls)!.AsObject();
        if (!profile.WritesActionFlags)
        {
            node.Remove("isRetryable");
            node.Remove("isCancellable");
        }

        quirks?.Task(node, task);
        return node;
    }

    private static byte[] Bytes(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node, SimJson.Options);
}
