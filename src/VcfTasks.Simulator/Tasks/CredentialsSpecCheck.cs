using System.Text.Json;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// Checks a PATCH /v1/credentials/tasks/{id} body against the spec's CredentialsUpdateSpec: operationType and
/// elements required, every element with credentials, every credential with a username, a password on every
/// credential of an UPDATE or REMEDIATE, and the task's own operation. The reason never quotes a password.
/// </summary>
internal static class CredentialsSpecCheck
{
    /// <summary>What is wrong with <paramref name="body"/> for a task of <paramref name="taskOperation"/>, or null.</summary>
    public static string? Problem(JsonDocument? body, string taskOperation)
    {
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a CredentialsUpdateSpec object";
        }

        var root = body.RootElement;
        if (!root.TryGetProperty("operationType", out var op) || op.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(op.GetString()))
        {
            return "operationType is required";
        }

        var operation = op.GetString()!.ToUpperInvariant();
        if (!root.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() == 0)
        {
            return "elements is required and must not be empty";
        }

        if (!string.Equals(operation, taskOperation, StringComparison.OrdinalIgnoreCase))
        {
            return $"operationType {operation} does not match the task's operation {taskOperation}";
        }

        var needsPassword = operation is "UPDATE" or "REMEDIATE";
        var i = 0;
        foreach (var element in elements.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return $"elements[{i}] must be a ResourceCredentials object";
            }

            if (!element.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return $"elements[{i}].resourceType is required";
            }

            if (!element.TryGetProperty("credentials", out var credentials) || credentials.ValueKind != JsonValueKind.Array || credentials.GetArrayLength() == 0)
            {
                return $"elements[{i}].credentials is required and must not be empty";
            }

            var j = 0;
            foreach (var credential in credentials.EnumerateArray())
            {
                if (credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("username", out var user)
                    || user.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(user.GetString()))
                {
                    return $"elements[{i}].credentials[{j}].username is required";
                }

                if (needsPassword && (!credential.TryGetProperty("password", out var pw) || pw.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(pw.GetString())))
                {
                    return $"{operation} needs a password for elements[{i}].credentials[{j}]";
                }

                j++;
            }

            i++;
        }

        return null;
    }
}
