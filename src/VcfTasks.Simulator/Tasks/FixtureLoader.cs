using System.Text.Json;
using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>Loads tasks from a file: a PageOfTask object (as GET /v1/tasks returns) or a bare array of Task.</summary>
internal static class FixtureLoader
{
    public static List<SimTask> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var array = doc.RootElement.ValueKind switch
        {
            JsonValueKind.Array => doc.RootElement,
            JsonValueKind.Object when doc.RootElement.TryGetProperty("elements", out var e) && e.ValueKind == JsonValueKind.Array => e,
            _ => throw new InvalidDataException($"{path}: expected a PageOfTask object or an array of Task."),
        };

        var tasks = array.Deserialize<List<SimTask>>(SimJson.Options) ?? [];
        var missing = tasks.FindIndex(t => string.IsNullOrEmpty(t.Id));
        if (missing >= 0)
        {
            throw new InvalidDataException($"{path}: task #{missing} has no id.");
        }

        return tasks;
    }
}
