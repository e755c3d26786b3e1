using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace VcfTasks.Core.Tests.Support;

/// <summary>Builds fake HTTP answers.</summary>
internal static class Respond
{
    public static HttpResponseMessage Json(int status, string json) => Text(status, json, "application/json");

    public static HttpResponseMessage Json(string json) => Json(200, json);

    public static HttpResponseMessage Object(int status, object value) => Json(status, JsonSerializer.Serialize(value));

    public static HttpResponseMessage Text(int status, string text, string contentType) =>
        new((HttpStatusCode)status) { Content = new StringContent(text, Encoding.UTF8, contentType) };

    public static HttpResponseMessage Bytes(int status, byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
    }

    public static HttpResponseMessage Empty(int status) => new((HttpStatusCode)status);

    public static HttpResponseMessage TokenPair(string access, string refreshId) =>
        Object(201, new { accessToken = access, refreshToken = new { id = refreshId } });

    /// <summary>An API <c>Error</c> body.</summary>
    public static HttpResponseMessage Error(int status, string code, string message, string? remediation = null, string reference = "REF123") =>
        Object(status, new
        {
            errorCode = code,
            errorType = "ERROR",
            arguments = new string[0],
            context = new { },
            message,
            remediationMessage = remediation,
            causes = new object[0],
            nestedErrors = new object[0],
            referenceToken = reference,
        });

    /// <summary>A task body.</summary>
    public static object Task(string id, string status = "FAILED", string? name = null, string? type = null,
        string? completion = null, string? resourceId = null, string? resourceType = null) => new
        {
            id,
            name = name ?? "Task " + id,
            type,
            status,
            creationTimestamp = "2026-01-01T00:00:00.000Z",
            completionTimestamp = completion,
            resources = resourceId is null && resourceType is null ? new object[0] : new object[] { new { resourceId, type = resourceType } },
        };

    /// <summary>A PageOfTask body.</summary>
    public static HttpResponseMessage Page(object[] tasks, int? pageNumber = null, int? pageSize = null, int? totalElements = null, int? totalPages = null) =>
        Object(200, totalPages is null && pageNumber is null
            ? new { elements = tasks, pageMetadata = (object?)null }
            : new { elements = tasks, pageMetadata = (object?)new { pageNumber, pageSize, totalElements, totalPages } });

    public static HttpResponseMessage PageOfIds(params string[] ids) => Page(System.Array.ConvertAll(ids, id => Task(id)));
}
