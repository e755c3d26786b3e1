using System;
using System.Text;

namespace VcfTasks;

/// <summary>
/// A failure the core reports: its <see cref="Kind"/>, and whatever the server said about it
/// (HTTP status, <c>errorCode</c>, <c>remediationMessage</c>, <c>referenceToken</c>).
/// </summary>
public sealed class VcfException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VcfException(VcfErrorKind kind, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public VcfErrorKind Kind { get; }

    /// <summary>The stable error id users see: <c>Vcf</c> + the kind's name.</summary>
    public string ErrorId => "Vcf" + Kind;

    /// <summary>The HTTP status, when there was an answer.</summary>
    public int? HttpStatus { get; set; }

    /// <summary>The server's <c>errorCode</c>.</summary>
    public string? ServerErrorCode { get; set; }

    /// <summary>The server's <c>message</c>.</summary>
    public string? ServerMessage { get; set; }

    /// <summary>The server's <c>remediationMessage</c>.</summary>
    public string? RemediationMessage { get; set; }

    /// <summary>The server's <c>referenceToken</c>, to quote to support.</summary>
    public string? ReferenceToken { get; set; }

    /// <summary>The task the failure concerns, when there is one.</summary>
    public string? TaskId { get; set; }

    /// <summary>The task as last seen, when the core fetched it to say what happened (e.g. after an unknown outcome).</summary>
    public VcfTask? Task { get; set; }

    /// <summary>What the user can do about it: the server's remediation, else the module's advice.</summary>
    public string? RecommendedAction { get; set; }

    /// <summary>
    /// The same failure once more, for another caller (this one as its inner exception): everything the
    /// server said is kept, so each caller's error tells as much as the first.
    /// </summary>
    internal VcfException Again() => new(Kind, Message, this)
    {
        HttpStatus = HttpStatus,
        ServerErrorCode = ServerErrorCode,
        ServerMessage = ServerMessage,
        RemediationMessage = RemediationMessage,
        ReferenceToken = ReferenceToken,
        TaskId = TaskId,
        Task = Task,
        RecommendedAction = RecommendedAction,
    };

    /// <summary>Copies what the server said (an HTTP status, if any, and its error) into this exception.</summary>
    internal VcfException WithServerError(int? status, VcfTaskError? error)
    {
        HttpStatus = status;
        if (error is not null)
        {
            ServerErrorCode = error.ErrorCode;
            ServerMessage = error.Message;
            RemediationMessage = error.RemediationMessage;
            ReferenceToken = error.ReferenceToken;
            if (!string.IsNullOrEmpty(error.RemediationMessage)) RecommendedAction = error.RemediationMessage;
        }
        return this;
    }

    /// <summary>The message with the server's code and reference token appended, for a one-line error.</summary>
    public static string Describe(string what, int? status, VcfTaskError? error)
    {
        var sb = new StringBuilder(what);
        if (error is not null)
        {
            if (!string.IsNullOrEmpty(error.Message)) sb.Append(": ").Append(error.Message);
            if (!string.IsNullOrEmpty(error.ErrorCode) || status is not null)
            {
                sb.Append(" (");
                if (status is not null) sb.Append("HTTP ").Append(status.Value);
                if (!string.IsNullOrEmpty(error.ErrorCode)) sb.Append(status is null ? "" : ", ").Append(error.ErrorCode);
                if (!string.IsNullOrEmpty(error.ReferenceToken)) sb.Append(", reference ").Append(error.ReferenceToken);
                sb.Append(')');
            }
        }
        else if (status is not null)
        {
            sb.Append(" (HTTP ").Append(status.Value).Append(')');
        }
        return sb.ToString();
    }
}
