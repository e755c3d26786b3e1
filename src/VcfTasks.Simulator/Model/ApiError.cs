namespace VcfTasks.Simulator.Model;

/// <summary>
/// The Error schema: used both for error responses (where <see cref="ErrorBodies"/> fills every
/// field) and inside tasks (where, as on the product page, only some fields are present).
/// </summary>
internal sealed class ApiError
{
    public string ErrorCode { get; set; } = "";
    public string ErrorType { get; set; } = "ERROR";
    public List<string>? Arguments { get; set; }
    public Dictionary<string, string>? Context { get; set; }
    public string Message { get; set; } = "";
    public string? RemediationMessage { get; set; }
    public List<ErrorCause> Causes { get; set; } = [];
    public List<ApiError>? NestedErrors { get; set; }
    public string? ReferenceToken { get; set; }
}

/// <summary>One cause of an error.</summary>
internal sealed class ErrorCause
{
    public string? Type { get; set; }
    public string? Message { get; set; }
}
