using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Tests.Support;

/// <summary>
/// Builds JSON documents from the models themselves: every <c>[JsonPropertyName]</c> property of every model reachable
/// from a root type gets a plausible value, so a property added to a model later is in the documents (and in the
/// lenience matrix) without anyone touching the tests.
/// </summary>
internal static class ModelDocuments
{
    /// <summary>One step from an object to a nested one: a property, and an index when the property is a list.</summary>
    public sealed record Step(string Property, int? Index);

    /// <summary>Where the first object of a model type stands in a root document.</summary>
    public sealed record Location(Type Root, Type Model, IReadOnlyList<Step> Path)
    {
        public override string ToString() => Root.Name + (Path.Count == 0 ? "" : "." + string.Join(".", Path.Select(s => s.Index is { } i ? $"{s.Property}[{i}]" : s.Property)));
    }

    /// <summary>The answers the client reads: a page of tasks, one task, a token pair and an error body.</summary>
    public static readonly Type[] Roots = { typeof(Model.PageOfTask), typeof(VcfTask), typeof(Auth.TokenPair), typeof(VcfTaskError) };

    // Deep enough to reach a subtask's stage's error's nested error, shallow enough to stay small.
    private const int MaxDepth = 4;

    public static bool IsModel(Type t) =>
        t.IsClass && t != typeof(string) && t != typeof(VcfTaskStatus) && !typeof(IEnumerable).IsAssignableFrom(t) &&
        JsonProperties(t).Any();

    public static IEnumerable<(string Name, PropertyInfo Property)> JsonProperties(Type t) =>
        // Internal properties read from JSON ([JsonInclude], e.g. a task's status) count as much as public ones.
        t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } || p.GetCustomAttribute<JsonIncludeAttribute>() is not null)
            .Select(p => (Attr: p.GetCustomAttribute<JsonPropertyNameAttribute>(), Property: p))
            .Where(x => x.Attr is not null && x.Property.CanWrite)
            .Select(x => (x.Attr!.Name, x.Property));

    /// <summary>The document for a root type: a page holds three tasks, the middle one fully populated.</summary>
    public static JsonObject Build(Type root)
    {
        var doc = Populate(root, 0);
        if (root == typeof(Model.PageOfTask))
        {
            doc["elements"] = new JsonArray(Minimal("task-before"), Populate(typeof(VcfTask), 1), Minimal("task-after"));
        }
        return doc;
    }

    private static JsonObject Minimal(string id) => new() { ["id"] = id, ["name"] = "Minimal " + id, ["status"] = "SUCCESSFUL" };

    private static JsonObject Populate(Type type, int depth)
    {
        var obj = new JsonObject();
        foreach (var (name, property) in JsonProperties(type))
        {
            var value = Sample(property.PropertyType, name, depth);
            if (value is not null) obj[name] = value;
        }
        return obj;
    }

    private static JsonNode? Sample(Type type, string name, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return name == "id" ? "9d1e2c55-0000-4000-8000-00000000abcd" : $"text of {name}";
        if (t == typeof(VcfTaskStatus)) return "IN_PROGRESS";
        if (t == typeof(DateTimeOffset)) return "2024-05-06T07:08:09.123Z";
        if (t == typeof(bool)) return true;
        if (t == typeof(int)) return 3;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return new JsonObject { ["key"] = "value", ["other"] = "more" };
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = t.GetGenericArguments()[0];
            if (element == typeof(string)) return new JsonArray("first", "second");
            if (IsModel(element)) return depth < MaxDepth ? new JsonArray(Populate(element, depth + 1)) : new JsonArray();
        }
        if (IsModel(t)) return depth < MaxDepth ? Populate(t, depth + 1) : null;
        throw new NotSupportedException($"No sample JSON for {type} ({name}): teach ModelDocuments the new kind of property.");
    }

    /// <summary>The first place each model type stands in the document of <paramref name="root"/>.</summary>
    public static IEnumerable<Location> Locations(Type root)
    {
        var found = new Dictionary<Type, Location>();
        void Walk(Type type, JsonObject node, List<Step> path)
        {
            if (found.ContainsKey(type)) return;
            found[type] = new Location(root, type, path.ToArray());
            foreach (var (name, property) in JsonProperties(type))
            {
                var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (node[name] is JsonObject child && IsModel(t))
                {
                    Walk(t, child, new List<Step>(path) { new(name, null) });
                }
                else if (node[name] is JsonArray array && t.IsGenericType && IsModel(t.GetGenericArguments()[0]))
                {
                    // In a page, the populated task is the middle one.
                    int index = array.Count == 3 ? 1 : 0;
                    if (array.Count > index && array[index] is JsonObject item) Walk(t.GetGenericArguments()[0], item, new List<Step>(path) { new(name, index) });
                }
            }
        }
        Walk(root, Build(root), new List<Step>());
        return found.Values;
    }

    /// <summary>The JSON object at <paramref name="path"/>.</summary>
    public static JsonObject Navigate(JsonObject doc, IReadOnlyList<Step> path)
    {
        JsonNode node = doc;
        foreach (var step in path)
        {
            node = node[step.Property]!;
            if (step.Index is { } i) node = node[i]!;
        }
        return (JsonObject)node;
    }

    /// <summary>The model object at <paramref name="path"/>, or null where the path no longer leads anywhere.</summary>
    public static object? Navigate(object root, IReadOnlyList<Step> path)
    {
        object? current = root;
        foreach (var step in path)
        {
            if (current is null) return null;
            var property = JsonProperties(current.GetType()).First(p => p.Name == step.Property).Property;
            current = property.GetValue(current);
            if (step.Index is { } i) current = current is IList list && list.Count > i ? list[i] : null;
        }
        return current;
    }

    /// <summary>Reads <paramref name="json"/> as the client reads a body: streamed, <paramref name="chunk"/> bytes a read (null: whole).</summary>
    public static async Task<object?> ReadAsync(Type root, byte[] json, int? chunk)
    {
        var options = chunk is { } n ? VcfJson.WithBufferSize(n) : VcfJson.Options;
        using var stream = new ChunkedStream(json, chunk ?? json.Length);
        var read = typeof(ModelDocuments).GetMethod(nameof(ReadTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(root);
        return await (Task<object?>)read.Invoke(null, new object[] { stream, options })!;
    }

    private static async Task<object?> ReadTyped<T>(Stream stream, JsonSerializerOptions options) =>
        await VcfJson.ReadAsync(stream, VcfJson.Info<T>(options), CancellationToken.None);

    /// <summary>A model as JSON text, for comparing two reads field by field.</summary>
    public static string Write(object value) => JsonSerializer.Serialize(value, value.GetType(), VcfJson.Options);
}
