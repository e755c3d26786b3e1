using System.Text.Json;

namespace VcfTasks.Simulator.Tests;

/// <summary>
/// A small OpenAPI schema checker for the official vcf-tasks schema: resolves $ref, checks that
/// required properties are present and that strings, integers, booleans, arrays and objects have
/// the right JSON type, recursively. Enough to catch a response a generated client would reject.
/// </summary>
internal static class SchemaValidator
{
    private static readonly Lazy<JsonDocument> Spec = new(() => JsonDocument.Parse(File.ReadAllBytes(RepoPaths.OpenApi)));

    private static JsonElement Schemas => Spec.Value.RootElement.GetProperty("components").GetProperty("schemas");

    /// <summary>Asserts that <paramref name="value"/> conforms to components/schemas/<paramref name="schemaName"/>.</summary>
    public static void AssertValid(JsonElement value, string schemaName)
    {
        var errors = new List<string>();
        Check(value, Schemas.GetProperty(schemaName), "$", errors);
        Assert.True(errors.Count == 0, $"Response is not a valid {schemaName}:\n" + string.Join("\n", errors.Take(20)));
    }

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            const string prefix = "#/components/schemas/";
            Assert.StartsWith(prefix, name);
            Check(value, Schemas.GetProperty(name[prefix.Length..]), path, errors);
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case "object":
                CheckObject(value, schema, path, errors);
                break;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path}: expected array, got {value.ValueKind}");
                    return;
                }

                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, schema.GetProperty("items"), $"{path}[{i++}]", errors);
                }

                break;
            case "string":
                Expect(value.ValueKind == JsonValueKind.String, "string", value, path, errors);
                break;
            case "integer":
                Expect(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _), "integer", value, path, errors);
                break;
            case "number":
                Expect(value.ValueKind == JsonValueKind.Number, "number", value, path, errors);
                break;
            case "boolean":
                Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, "boolean", value, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected object, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            var child = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                // The simulator omits nulls, so a null in its output is a bug even though clients must tolerate them.
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    errors.Add($"{child}: null");
                    continue;
                }

                Check(property.Value, propertySchema, child, errors);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, child, errors);
            }
        }
    }

    private static void Expect(bool ok, string expected, JsonElement value, string path, List<string> errors)
    {
        if (!ok)
        {
            errors.Add($"{path}: expected {expected}, got {value.ValueKind} ({value.GetRawText()})");
        }
    }
}
