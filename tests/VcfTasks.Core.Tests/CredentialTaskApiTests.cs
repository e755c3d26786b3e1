using System;
using System.Text.Json;
using System.Threading.Tasks;
using VcfTasks.Core.Credentials;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// The core's credentials API (issue 15): what it reads (and what it never keeps: passwords), the spec a retry sends
/// (the server's own, unchanged), VcfCredentialsSpecRequired without a request, the PATCH and DELETE sent once,
/// and each failure named for its operation.
/// </summary>
public class CredentialTaskApiTests
{
    private const string Id = "d2828c84-e10e-480e-9143-832c65c12ff3";
    private const string OldPw = "Canary-Old-1f2e";
    private const string NewPw = "Canary-New-9a8b";

    private static string Task(string type = "ROTATE", string status = "FAILED") => $$"""
        {"id":"{{Id}}","name":"Credentials {{type.ToLowerInvariant()}} operation","type":"{{type}}","status":"{{status}}","creationTimestamp":"2026-11-01T00:00:00.000Z",
         "subTasks":[{"name":"esx01:SSH","description":"d","status":"FAILED","creationTimestamp":"2026-11-01T00:00:00.000Z","resourceName":"esx01","entityType":"ESXI",
                      "credentialType":"SSH","username":"root","oldPassword":"{{OldPw}}","newPassword":"{{NewPw}}"}]}
        """;

    private static string Resources(bool withPassword) =>
        $$"""[{"resourceName":"esx01","resourceId":"r-1","resourceType":"ESXI","credentials":[{"credentialType":"SSH","accountType":"USER","username":"root"{{(withPassword ? $",\"password\":\"{NewPw}\"" : "")}}}]}]""";

    private static FakeTransport Server(string type = "ROTATE", string status = "FAILED", bool passwords = false, int resourcesStatus = 200, int changeStatus = 202) =>
        new(r => (r.Method, r.Path) switch
        {
            ("GET", "/v1/credentials/tasks") => Respond.Json($$"""{"elements":[{{Task(type, status)}}]}"""),
            ("GET", "/v1/credentials/tasks/" + Id) => Respond.Json(Task(type, status)),
            ("GET", "/v1/credentials/tasks/" + Id + "/resource-credentials") => resourcesStatus == 200 ? Respond.Json(Resources(passwords)) : Respond.Empty(resourcesStatus),
            ("PATCH" or "DELETE", "/v1/credentials/tasks/" + Id) => changeStatus < 300
                ? Respond.Object(changeStatus, Respond.Task(Id, "IN_PROGRESS"))
                : Respond.Error(changeStatus, changeStatus == 400 ? "CREDENTIALS_TASK_NOT_RETRYABLE" : "BOOM", "refused"),
            ("GET", "/v1/tasks/" + Id) => Respond.Object(200, Respond.Task(Id, "IN_PROGRESS")),
            _ => Respond.Error(404, "NOT_FOUND", "no"),
        });

    [Fact]
    public async Task A_listed_task_has_its_operation_status_resources_and_users_and_keeps_no_password_anywhere()
    {
        using var c = await Connect.OpenAsync(Server());
        var task = Assert.Single(await c.CredentialTasks.ListAsync(Connect.Ct));
        Assert.Equal("ROTATE", task.OperationType);
        Assert.Equal(VcfTaskState.Failed, task.StatusInfo.State);
        Assert.True(task.IsRetryable);
        Assert.Same(c, task.GetConnection());
        Assert.Equal("esx01 (SSH root)", Assert.Single(task.Resources).ToString());
        // Every string the object holds, at every depth: none is a password.
        var json = JsonSerializer.Serialize(task);
        Assert.DoesNotContain(OldPw, json);
        Assert.DoesNotContain(NewPw, json);
        Assert.DoesNotContain("assword", json);
    }

    [Theory]
    [InlineData("USER_CANCELLED", VcfTaskState.UserCancelled)]
    [InlineData("INCONSISTENT", VcfTaskState.Inconsistent)]
    [InlineData("In Progress", VcfTaskState.InProgress)]
    public async Task The_credentials_statuses_are_read_as_their_states(string status, VcfTaskState state)
    {
        using var c = await Connect.OpenAsync(Server(status: status));
        var task = await c.CredentialTasks.GetAsync(Id, Connect.Ct);
        Assert.Equal(state, task.StatusInfo.State);
        Assert.Equal(state != VcfTaskState.InProgress, task.IsComplete);
        Assert.False(task.IsRetryable);
        Assert.False(task.IsCancellable);
    }

    [Fact]
    public async Task The_server_spec_is_the_task_operation_and_its_resource_credentials_unchanged()
    {
        var server = Server("REMEDIATE", passwords: true);
        using var c = await Connect.OpenAsync(server);
        var task = await c.CredentialTasks.GetAsync(Id, Connect.Ct);
        var spec = await c.CredentialTasks.ServerSpecAsync(task, Connect.Ct);
        Assert.Equal("REMEDIATE of esx01 (SSH root)", spec.Describe());
        Assert.DoesNotContain(NewPw, spec.Describe());
        await c.CredentialTasks.RetryAsync(Id, spec, Connect.Ct);
        var patch = Assert.Single(server.Requests, r => r.Method == "PATCH");
        using var body = JsonDocument.Parse(patch.Body!);
        Assert.Equal("REMEDIATE", body.RootElement.GetProperty("operationType").GetString());
        var element = Assert.Single(body.RootElement.GetProperty("elements").EnumerateArray());
        Assert.Equal("esx01", element.GetProperty("resourceName").GetString());
        Assert.Equal("r-1", element.GetProperty("resourceId").GetString());
        Assert.Equal("ESXI", element.GetProperty("resourceType").GetString());
        var credential = Assert.Single(element.GetProperty("credentials").EnumerateArray());
        Assert.Equal(NewPw, credential.GetProperty("password").GetString());
        Assert.Equal("USER", credential.GetProperty("accountType").GetString());
    }

    [Theory]
    [InlineData("UPDATE", 200, "UPDATE needs a password for each credential")]
    [InlineData("ROTATE", 404, "has no GET /v1/credentials/tasks/{id}/resource-credentials")]
    public async Task A_retry_without_the_passwords_or_spec_it_needs_is_CredentialsSpecRequired_and_sends_no_PATCH(string type, int resourcesStatus, string says)
    {
        var server = Server(type, resourcesStatus: resourcesStatus);
        using var c = await Connect.OpenAsync(server);
        var task = await c.CredentialTasks.GetAsync(Id, Connect.Ct);
        var e = await Assert.ThrowsAsync<VcfException>(() => c.CredentialTasks.ServerSpecAsync(task, Connect.Ct));
        Assert.Equal("VcfCredentialsSpecRequired", e.ErrorId);
        Assert.Contains(says, e.Message);
        Assert.Contains("esx01 (SSH root)", e.Message);
        Assert.Contains("Nothing was sent", e.Message);
        Assert.Equal(Id, e.TaskId);
        Assert.Equal(0, server.Count("PATCH"));
    }

    [Theory]
    [InlineData("PATCH", 400, "VcfTaskNotRetryable")]
    [InlineData("DELETE", 400, "VcfTaskNotCancellable")]
    [InlineData("PATCH", 500, "VcfServerError")]
    [InlineData("DELETE", 404, "VcfTaskNotFound")]
    public async Task A_refused_change_is_named_for_its_operation_and_sent_once(string method, int status, string errorId)
    {
        var server = Server(changeStatus: status);
        using var c = await Connect.OpenAsync(server);
        var spec = new CredentialsUpdateSpec("ROTATE", new() { new CredentialsSpecElement("esx01", null, "ESXI", new() { new CredentialsSpecCredential("SSH", null, "root", null) }) });
        var e = await Assert.ThrowsAsync<VcfException>(() => method == "PATCH" ? c.CredentialTasks.RetryAsync(Id, spec, Connect.Ct) : c.CredentialTasks.CancelAsync(Id, Connect.Ct));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(1, server.Count(method, "/v1/credentials/tasks/" + Id));
        if (status != 404)
        {
            // A 404 says the task is not there, whatever was asked; the other refusals name what was asked.
            Assert.Contains(method == "PATCH" ? "retr" : "cancel", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_spec_checks_name_each_problem_and_never_a_password()
    {
        var spec = new CredentialsUpdateSpec("UPDATE", new()
        {
            new CredentialsSpecElement("esx01", null, null, new() { new CredentialsSpecCredential("SSH", null, "root", null), new CredentialsSpecCredential("API", null, " ", Secrets.Secure("Canary-x")) }),
            new CredentialsSpecElement(null, null, "ESXI", new()),
        });
        var problems = spec.Problems();
        Assert.Contains("elements[0].resourceType: missing", problems);
        Assert.Contains("elements[0].credentials[1].username: missing", problems);
        Assert.Contains("elements[1]: neither resourceName nor resourceId", problems);
        Assert.Contains("elements[1].credentials: missing or empty", problems);
        Assert.Contains("UPDATE needs a password for esx01 (SSH root)", problems);
        Assert.DoesNotContain(problems, p => p.Contains("Canary-x"));
        Assert.Contains("operationType: 'FROB' is not one of", Assert.Single(new CredentialsUpdateSpec("FROB", new() { new CredentialsSpecElement("h", null, "ESXI", new() { new CredentialsSpecCredential(null, null, "u", null) }) }).Problems()));
        Assert.Empty(new CredentialsUpdateSpec("ROTATE", new() { new CredentialsSpecElement("h", null, "ESXI", new() { new CredentialsSpecCredential(null, null, "u", null) }) }).Problems());
    }
}
