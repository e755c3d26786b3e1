using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace VcfTasks.Core.Json;

/// <summary>
/// Makes every object-, list- and dictionary-typed property of every model lenient, whatever its name: a value of
/// the wrong kind (text where an object belongs, an object where a list belongs) reads as absent instead of failing
/// the answer. Applied to the source-generated metadata as a contract modifier, so a property added to a model later
/// is covered without a line here.
/// </summary>
internal static class Lenience
{
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.CustomConverter is not null) continue;
            var converter = For(property.PropertyType);
            if (converter is not null) property.CustomConverter = converter;
        }
    }

    private static JsonConverter? For(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return (JsonConverter)Activator.CreateInstance(typeof(LenientListConverter<>).MakeGenericType(type.GetGenericArguments()[0]))!;
        bool isDictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);
        // Text, the status (its own converter reads any value) and other sequences are not JSON objects.
        bool isModel = type.IsClass && type != typeof(string) && type != typeof(VcfTaskStatus) && !typeof(IEnumerable).IsAssignableFrom(type);
        if (isDictionary || isModel)
            return (JsonConverter)Activator.CreateInstance(typeof(LenientObjectConverter<>).MakeGenericType(type))!;
        return null;
    }
}

/// <summary>An object or dictionary where one is sent; any other value reads as absent (null).</summary>
internal sealed class LenientObjectConverter<T> : JsonConverter<T> where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            LenientText.SkipValue(ref reader);
            return null;
        }
        return LenientRead.Value<T>(ref reader, options);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}

/// <summary>
/// A list where an array is sent (anything else reads as absent). An element of the wrong kind where an object
/// belongs carries nothing and is left out, unless the list keeps positions (a page's tasks), where it stays as a null
/// so the reader of the page can say which element it was.
/// </summary>
internal class LenientListConverter<T> : JsonConverter<List<T>>
{
    private readonly bool _keepPositions;

    public LenientListConverter() : this(keepPositions: false) { }

    protected LenientListConverter(bool keepPositions) => _keepPositions = keepPositions;

    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            LenientText.SkipValue(ref reader);
            return null;
        }
        var element = options.GetTypeInfo(typeof(T));
        bool objects = element.Kind == JsonTypeInfoKind.Object;
        var converter = (JsonConverter<T>)element.Converter;
        // Subtasks, errors and resources are read straight into the lists that export as text (no copy later).
        var list = VcfTextLists.New<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (objects && reader.TokenType != JsonTokenType.StartObject)
            {
                LenientText.SkipValue(ref reader);
                if (_keepPositions) list.Add(default!);
                continue;
            }
            list.Add(converter.Read(ref reader, typeof(T), options)!);
        }
        return list;
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
    {
        var element = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value) JsonSerializer.Serialize(writer, item, element);
        writer.WriteEndArray();
    }
}

/// <summary>A page's tasks: an element that is not a task object stays as a null in its place, for the pager to report.</summary>
internal sealed class TaskElementsConverter : LenientListConverter<VcfTask>
{
    public TaskElementsConverter() : base(keepPositions: true) { }
}

internal static class LenientRead
{
    /// <summary>
    /// Reads the value under the reader with the converter the metadata gives <typeparamref name="T"/>, on the same
    /// reader. <c>JsonSerializer.Deserialize(ref reader, …)</c> would first scan the value to cut it out and read it
    /// from depth 0 again: once for every level of nesting, and with the depth limit counted from each level.
    /// </summary>
    public static T? Value<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        ((JsonConverter<T>)options.GetTypeInfo(typeof(T)).Converter).Read(ref reader, typeof(T), options);
}
