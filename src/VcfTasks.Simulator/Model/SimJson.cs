using System.Text.Json;
using System.Text.Json.Serialization;

namespace VcfTasks.Simulator.Model;

/// <summary>The one set of JSON options of the simulator: camelCase names, nulls omitted, as SDDC Manager writes.</summary>
internal static class SimJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
