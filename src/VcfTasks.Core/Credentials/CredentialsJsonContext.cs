using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VcfTasks.Core.Json;

namespace VcfTasks.Core.Credentials;

/// <summary>
/// Source-generated JSON for the credentials API, with the same settings and lenient converters as
/// <see cref="VcfJsonContext"/> (kept apart so the tasks API's context is not edited for this API).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    Converters = new[]
    {
        typeof(LenientStatusConverter), typeof(LenientStringConverter), typeof(LenientTimestampConverter),
        typeof(LenientBooleanConverter), typeof(LenientInt32Converter),
    })]
[JsonSerializable(typeof(PageOfCredentialsTask))]
[JsonSerializable(typeof(VcfCredentialTask))]
[JsonSerializable(typeof(List<ResourceCredentialsWire?>))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext
{
    /// <summary>The options every credentials body is read with: every structured property lenient, as for tasks.</summary>
    // Lazy: a static initializer here could run before the generated part's own (their order across partial files is not defined).
    public static JsonSerializerOptions Lenient => LenientOptions.Value;

    private static readonly System.Lazy<JsonSerializerOptions> LenientOptions = new(CreateLenient);

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Lenient.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateLenient()
    {
        var options = new JsonSerializerOptions(Default.Options)
        {
            TypeInfoResolver = Default.WithAddedModifier(Lenience.Apply),
        };
        options.MakeReadOnly();
        return options;
    }
}
