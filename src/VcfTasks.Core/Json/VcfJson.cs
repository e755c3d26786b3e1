using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Json;

/// <summary>
/// The one way the module reads JSON: the source-generated metadata of <see cref="VcfJsonContext"/>, the lenient
/// converters, and a body read as a stream. Tests read through <see cref="ReadAsync"/> too, with a small buffer
/// (<see cref="WithBufferSize"/>), so a value split across reads is tested on the path the client takes.
/// </summary>
internal static class VcfJson
{
    /// <summary>The options every body is read with (a 16 KB read buffer, as System.Text.Json's default).</summary>
    public static JsonSerializerOptions Options { get; } = Create(16 * 1024);

    /// <summary>The same options with another read buffer: 1 makes every token arrive on its own.</summary>
    public static JsonSerializerOptions WithBufferSize(int bytes) => BySize.GetOrAdd(bytes, Create);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, JsonSerializerOptions> BySize = new();

    /// <summary>The metadata of <typeparamref name="T"/> under <paramref name="options"/> (default: <see cref="Options"/>).</summary>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions? options = null) =>
        (JsonTypeInfo<T>)(options ?? Options).GetTypeInfo(typeof(T));

    /// <summary>Reads a whole body from <paramref name="stream"/>, as the client reads every answer.</summary>
    public static ValueTask<T?> ReadAsync<T>(Stream stream, JsonTypeInfo<T> type, CancellationToken ct) =>
        JsonSerializer.DeserializeAsync(stream, type, ct);

    private static JsonSerializerOptions Create(int bufferSize)
    {
        // The context's settings and converters, with every structured property made lenient (Lenience.Apply).
        var options = new JsonSerializerOptions(VcfJsonContext.Default.Options)
        {
            DefaultBufferSize = bufferSize,
            TypeInfoResolver = VcfJsonContext.Default.WithAddedModifier(Lenience.Apply),
        };
        options.MakeReadOnly();
        return options;
    }
}
