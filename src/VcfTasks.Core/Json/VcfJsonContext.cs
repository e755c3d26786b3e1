using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using VcfTasks.Core.Auth;
using VcfTasks.Core.Credentials;
using VcfTasks.Core.Http;
using VcfTasks.Core.Model;

namespace VcfTasks.Core.Json;

/// <summary>
/// Source-generated JSON for every shape the module reads or writes: no reflection at start-up or per call.
/// Unknown fields are ignored (the default); the lenient converters keep odd values from failing a whole page.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    Converters = new[]
    {
        typeof(LenientStatusConverter), typeof(LenientStringConverter), typeof(LenientTimestampConverter),
        typeof(LenientBooleanConverter), typeof(LenientInt32Converter),
    })]
[JsonSerializable(typeof(PageOfTask))]
[JsonSerializable(typeof(VcfTask))]
[JsonSerializable(typeof(VcfTaskError))]
[JsonSerializable(typeof(TokenCreationSpec))]
[JsonSerializable(typeof(TokenPair))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Fixture))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(PageOfCredentialsTask))]
[JsonSerializable(typeof(VcfCredentialTask))]
[JsonSerializable(typeof(List<ResourceCredentialsWire?>))]
internal sealed partial class VcfJsonContext : JsonSerializerContext
{
}
