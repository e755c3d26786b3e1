using System;
using System.Linq;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class ErrorMappingTests
{
    private const string Missing = "00000000-0000-0000-0000-000000000404";
    private const string Done = "c0ffee00-1111-4222-8333-444455556666";

    private static Task<VcfConnection> Errors() => Connect.ReplayAsync(Paths.Fixture("errors.fixture.json"));

    private static Task Run(VcfConnection c, string operation, string id) => operation switch
    {
        "GET" => c.Tasks.GetAsync(id, Connect.Ct),
        "PATCH" => c.Tasks.RetryAsync(id, Connect.Ct),
        "DELETE" => c.Tasks.CancelAsync(id, Connect.Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [Theory]
    [InlineData("GET", "4QX9ZK")]
    [InlineData("PATCH", "4QX9ZL")]
    [InlineData("DELETE", "4QX9ZM")]
    public async Task A_404_is_TaskNotFound_with_the_server_details(string method, string reference)
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => Run(c, method, Missing));

        Assert.Equal(VcfErrorKind.TaskNotFound, e.Kind);
        Assert.Equal("VcfTaskNotFound", e.ErrorId);
        Assert.Equal("TA_TASK_NOT_FOUND", e.ServerErrorCode);
        Assert.Equal(reference, e.ReferenceToken);
        Assert.Equal(404, e.HttpStatus);
        Assert.Equal(Missing, e.TaskId);
        Assert.Contains(Missing, e.Message);
        Assert.Contains(reference, e.Message);
        Assert.NotNull(e.RecommendedAction);
    }

    [Fact]
    public async Task A_409_on_retry_is_TaskNotRetryable_with_the_remediation_as_recommended_action()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync(Done, Connect.Ct));

        Assert.Equal(VcfErrorKind.TaskNotRetryable, e.Kind);
        Assert.Equal(409, e.HttpStatus);
        Assert.Equal("TA_TASK_CAN_NOT_BE_RETRIED", e.ServerErrorCode);
        Assert.Equal("7HJ2KD", e.ReferenceToken);
        Assert.Equal("Retry only a task whose status is FAILED.", e.RecommendedAction);
        Assert.Equal(Done, e.TaskId);
    }

    [Fact]
    public async Task A_409_on_cancel_is_TaskNotCancellable()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.CancelAsync(Done, Connect.Ct));

        Assert.Equal(VcfErrorKind.TaskNotCancellable, e.Kind);
        Assert.Equal(409, e.HttpStatus);
        Assert.Equal("TA_TASK_CAN_NOT_BE_CANCELLED", e.ServerErrorCode);
        Assert.Equal("7HJ2KE", e.ReferenceToken);
        Assert.Contains("IN_PROGRESS", e.RecommendedAction);
    }

    [Theory]
    [InlineData(409, "TA_CREDENTIAL_TASK_CAN_NOT_BE_RETRIED")]
    [InlineData(400, "CREDENTIALS_TASK_RETRY_NOT_SUPPORTED")]
    [InlineData(409, "credential_operation_in_progress")]
    public async Task A_credentials_error_code_on_retry_is_CredentialTaskNotRetryable(int status, string code)
    {
        var transport = new FakeTransport(_ => Respond.Error(status, code, "Credentials task cannot be retried here"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync("5e709a5e-029f-4f1f-b53d-a79f3f452f74", Connect.Ct));

        Assert.Equal(VcfErrorKind.CredentialTaskNotRetryable, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(code, e.ServerErrorCode);
        Assert.Contains("/v1/credentials/tasks/5e709a5e-029f-4f1f-b53d-a79f3f452f74", e.RecommendedAction);
        Assert.Equal(1, transport.Count("PATCH"));
    }

    [Fact]
    public async Task A_credentials_error_code_on_cancel_is_still_TaskNotCancellable()
    {
        var transport = new FakeTransport(_ => Respond.Error(409, "TA_CREDENTIAL_TASK", "no"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.CancelAsync("t", Connect.Ct));

        Assert.Equal(VcfErrorKind.TaskNotCancellable, e.Kind);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_401_without_a_way_to_renew_is_AuthenticationFailed(string method)
    {
        var transport = new FakeTransport(_ => Respond.Error(401, "UNAUTHORIZED", "Unauthorized"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => Run(c, method, "t1"));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(401, e.HttpStatus);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task A_401_on_the_listing_from_the_unauthorized_fixture_is_AuthenticationFailed()
    {
        using var c = await Connect.ReplayAsync(Paths.Fixture("unauthorized.fixture.json"));

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct));

        Assert.Equal(VcfErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal("AU7H01", e.ReferenceToken);
    }

    [Fact]
    public async Task A_500_with_an_Error_body_is_ServerError_with_the_remediation_as_recommended_action()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("50000000-0000-0000-0000-000000000500", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(500, e.HttpStatus);
        Assert.Equal("VCF_INTERNAL_SERVER_ERROR", e.ServerErrorCode);
        Assert.Equal("Internal server error while reading the task", e.ServerMessage);
        Assert.Equal("Collect the SDDC Manager logs and contact support.", e.RemediationMessage);
        Assert.Equal("Collect the SDDC Manager logs and contact support.", e.RecommendedAction);
        Assert.Equal("ZB81QP", e.ReferenceToken);
        Assert.Contains("Internal server error while reading the task", e.Message);
        Assert.Contains("HTTP 500", e.Message);
    }

    [Fact]
    public async Task A_502_HTML_page_is_ServerError_with_the_status_and_a_short_snippet()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("50000000-0000-0000-0000-000000000502", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(502, e.HttpStatus);
        Assert.Null(e.ServerErrorCode);
        Assert.Contains("502", e.Message);
        Assert.Contains("Bad Gateway", e.Message);
        Assert.True(e.Message.Length < 400, e.Message);
    }

    [Fact]
    public async Task A_large_HTML_error_page_is_cut_to_a_snippet_under_250_characters()
    {
        var html = "<html>\n\n  <body>" + string.Concat(System.Linq.Enumerable.Repeat("<p>Service   Unavailable</p>\n", 2000)) + "</body></html>";
        var transport = new FakeTransport(_ => Respond.Text(503, html, "text/html"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(503, e.HttpStatus);
        var snippet = e.Message.Substring(e.Message.IndexOf("<html>", StringComparison.Ordinal));
        Assert.True(snippet.Length <= 250, $"{snippet.Length} characters: {snippet}");
        Assert.DoesNotContain("\n", e.Message);
        Assert.DoesNotContain("  ", snippet);
    }

    [Fact]
    public async Task A_200_HTML_page_is_ServerError_mentioning_the_content_type()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("20000000-0000-0000-0000-000000000200", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(200, e.HttpStatus);
        Assert.Contains("text/html", e.Message);
        Assert.Contains("SDDC Manager is starting", e.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
    }

    [Fact]
    public async Task Truncated_JSON_is_ServerError()
    {
        using var c = await Errors();

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.List(new TaskQuery { Name = "truncated" }).NextPageAsync(Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(200, e.HttpStatus);
        Assert.Contains("not the expected JSON", e.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"id\":\"t\",\"status\":\"FAILED\",\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public async Task A_success_body_that_is_not_a_task_is_ServerError(string body)
    {
        var transport = new FakeTransport(_ => Respond.Json(body));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
    }

    [Fact]
    public async Task A_10_MB_task_body_is_read_through_the_connection()
    {
        var huge = new string('n', 10 * 1024 * 1024);
        var transport = new FakeTransport(_ => Respond.Json("{\"id\":\"t\",\"status\":\"FAILED\",\"name\":\"" + huge + "\"}"));
        using var c = await Connect.OpenAsync(transport);

        var task = await c.Tasks.GetAsync("t", Connect.Ct);

        Assert.Equal(huge.Length, task.Name!.Length);
    }

    [Fact]
    public async Task A_10_MB_error_body_gives_a_clean_error_with_a_short_message()
    {
        // 400: not a transient status, so the body is built and sent once.
        var body = System.Text.Encoding.UTF8.GetBytes("{\"errorCode\":\"BIG\",\"message\":\"" + new string('e', 10 * 1024 * 1024) + "\"}");
        var transport = new FakeTransport(_ => Respond.Bytes(400, body, "application/json"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.Equal(400, e.HttpStatus);
        Assert.True(e.Message.Length < 1000, $"message of {e.Message.Length} characters");
    }

    private const string EchoedJwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6MTl9.c2lnbmF0dXJlLWNhbmFyeQ";

    [Theory]
    [InlineData(500, "application/json", "{\"errorCode\":\"E\",\"message\":\"Token " + EchoedJwt + " is invalid\"}", EchoedJwt)]
    [InlineData(500, "application/json", "{\"errorCode\":\"E\",\"message\":\"Header was Authorization: Bearer xyz-secret-canary\"}", "xyz-secret-canary")]
    [InlineData(502, "text/html", "<html>token " + EchoedJwt + "</html>", EchoedJwt)]
    [InlineData(502, "text/plain", "Authorization: Bearer xyz-secret-canary rejected", "xyz-secret-canary")]
    [InlineData(400, "text/plain", "{\"accessToken\":\"opaque-canary-1\",\"x\":1", "opaque-canary-1")]
    [InlineData(200, "text/html", "<html>Bearer xyz-secret-canary</html>", "xyz-secret-canary")]
    public async Task An_error_body_that_echoes_a_token_is_redacted_in_the_message(int status, string type, string body, string secret)
    {
        var transport = new FakeTransport(_ => Respond.Text(status, body, type));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.Contains("[REDACTED]", e.Message);
        Assert.DoesNotContain(secret, e.Message);
        Assert.DoesNotContain(secret, e.ServerMessage ?? string.Empty);
        Assert.DoesNotContain(secret, e.ToString());
    }

    [Fact]
    public async Task The_seed_task_is_served_from_its_body_file()
    {
        using var c = await Errors();

        var task = await c.Tasks.GetAsync("63eb8b2c-c3b9-4aed-919a-26ac1315d359", Connect.Ct);

        Assert.Equal("Vi workload Domain Creation", task.Name);
        Assert.Same(c, task.Connection);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_task_id_is_an_argument_error_and_sends_nothing(string id)
    {
        var transport = new FakeTransport(_ => Respond.Empty(200));
        using var c = await Connect.OpenAsync(transport);

        await Assert.ThrowsAsync<ArgumentException>(() => c.Tasks.GetAsync(id, Connect.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => c.Tasks.RetryAsync(id, Connect.Ct));
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task A_task_id_is_escaped_into_the_path()
    {
        var transport = new FakeTransport(_ => Respond.Json("{\"id\":\"a/b c\",\"status\":\"FAILED\"}"));
        using var c = await Connect.OpenAsync(transport);

        await c.Tasks.GetAsync(" a/b c ", Connect.Ct);

        Assert.Equal("/v1/tasks/a%2Fb%20c", transport.Requests.Single().Path);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_task_body_is_ServerError()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"t\",\"status\":\"FAILED\",\"name\":\"ab\"}");
        bytes[bytes.Length - 4] = 0xFF;
        var transport = new FakeTransport(_ => Respond.Bytes(200, bytes, "application/json"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync("t", Connect.Ct));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
    }

    // Each operation has one name (TaskOperation), and every message about it uses that name.
    [Theory]
    [InlineData("GET", "the read of task 't1'")]
    [InlineData("PATCH", "the retry of task 't1'")]
    [InlineData("DELETE", "the cancellation of task 't1'")]
    public async Task A_server_error_names_the_operation_by_its_one_name(string method, string name)
    {
        var transport = new FakeTransport(_ => Respond.Error(418, "TEAPOT", "short and stout"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => Run(c, method, "t1"));

        Assert.Equal(VcfErrorKind.ServerError, e.Kind);
        Assert.StartsWith($"SDDC Manager {Secrets.Server} answered 418 ", e.Message);
        Assert.Contains($" to {name}: short and stout", e.Message);
    }

    [Fact]
    public async Task A_listing_error_names_the_task_listing()
    {
        var transport = new FakeTransport(_ => Respond.Error(418, "TEAPOT", "short and stout"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct));

        Assert.Contains(" to the task listing: short and stout", e.Message);
    }

    [Theory]
    [InlineData("PATCH", VcfErrorKind.TaskNotRetryable, "the retry of task 't1'", "FAILED")]
    [InlineData("DELETE", VcfErrorKind.TaskNotCancellable, "the cancellation of task 't1'", "IN_PROGRESS")]
    public async Task A_409_says_the_server_refused_the_operation_and_what_the_API_allows(string method, VcfErrorKind kind, string name, string allowed)
    {
        // No remediation in the body, so the advice is the table's.
        var transport = new FakeTransport(_ => Respond.Error(409, "TA_CONFLICT", "Task can not be changed now"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => Run(c, method, "t1"));

        Assert.Equal(kind, e.Kind);
        Assert.StartsWith($"SDDC Manager {Secrets.Server} refused {name}: Task can not be changed now (HTTP 409, TA_CONFLICT", e.Message);
        Assert.Contains($"only a{(allowed == "FAILED" ? "" : "n")} {allowed} task", e.RecommendedAction, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Get-VcfTask -Id t1", e.RecommendedAction);
    }
}
