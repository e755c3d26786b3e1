using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class UnsafeVerbTests
{
    private const string Id = "389c2fb6-3cea-47d7-b830-e701f4cf9aed";

    public static readonly TheoryData<string, string> VerbsAndFailures = new()
    {
        { "PATCH", "http" },
        { "PATCH", "io" },
        { "PATCH", "reset" },
        { "DELETE", "http" },
        { "DELETE", "io" },
        { "DELETE", "reset" },
    };

    private static Exception Failure(string kind) => kind switch
    {
        "http" => new HttpRequestException("The response ended prematurely."),
        "io" => new IOException("Unable to read data from the transport connection."),
        "reset" => new HttpRequestException("An error occurred while sending the request.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Task Change(VcfConnection c, string method, CancellationToken ct) =>
        method == "PATCH" ? c.Tasks.RetryAsync(Id, ct) : c.Tasks.CancelAsync(Id, ct);

    [Theory]
    [MemberData(nameof(VerbsAndFailures))]
    public async Task A_connection_failure_after_sending_is_OutcomeUnknown_sent_once_with_the_task_state_fetched(string method, string failure)
    {
        var transport = new FakeTransport(r => r.Method == method
            ? throw Failure(failure)
            : Respond.Object(200, Respond.Task(Id, "IN_PROGRESS")));
        var (e, warnings) = await ChangeCapturingWarnings(transport, method);

        Assert.Equal(VcfErrorKind.OutcomeUnknown, e.Kind);
        Assert.Equal("VcfOutcomeUnknown", e.ErrorId);
        Assert.Equal(1, transport.Count(method, "/v1/tasks/" + Id));
        Assert.Equal(1, transport.Count("GET", "/v1/tasks/" + Id));
        Assert.Equal(2, transport.Requests.Count);
        Assert.Equal(Id, e.TaskId);
        Assert.NotNull(e.Task);
        Assert.Equal(VcfTaskState.InProgress, e.Task!.StatusInfo.State);
        Assert.Contains("not sent again", e.Message);
        Assert.NotNull(e.RecommendedAction);
        // The state is said once, by the error (the cmdlet adds it to the message), not again as a warning.
        Assert.Empty(warnings);
    }

    // Opens a connection on the transport and sends the change, keeping the core's warnings.
    private static async Task<(VcfException Error, IReadOnlyList<string> Warnings)> ChangeCapturingWarnings(FakeTransport transport, string method)
    {
        using var c = await Connect.OpenAsync(transport);
        var sink = new TestLogSink();
        using (VcfLog.Use(sink))
            return (await Assert.ThrowsAsync<VcfException>(() => Change(c, method, Connect.Ct)), sink.At(VcfLogLevel.Warning).ToList());
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task An_unknown_outcome_whose_task_cannot_be_read_either_is_OutcomeUnknown_with_a_warning_that_says_so(string method)
    {
        // The change gets no answer, and every read of the task after it fails too.
        var transport = new FakeTransport(r => r.Method == method ? throw Failure("reset") : Respond.Error(500, "BOOM", "down"));
        var (e, warnings) = await ChangeCapturingWarnings(transport, method);

        Assert.Equal(VcfErrorKind.OutcomeUnknown, e.Kind);
        Assert.Null(e.Task);
        Assert.Equal(1, transport.Count(method, "/v1/tasks/" + Id));
        Assert.Contains(warnings, m => m.Contains("could not be read either", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task OutcomeUnknown_still_comes_when_the_follow_up_GET_fails_too(string method)
    {
        var transport = new FakeTransport(_ => throw new HttpRequestException("down"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => Change(c, method, Connect.Ct));

        Assert.Equal(VcfErrorKind.OutcomeUnknown, e.Kind);
        Assert.Null(e.Task);
        Assert.Equal(1, transport.Count(method));
        // The follow-up GET is a safe read, so it gets its usual retries: 4 attempts, no more.
        Assert.Equal(4, transport.Count("GET"));
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_timeout_on_an_unsafe_verb_is_OutcomeUnknown_sent_once(string method)
    {
        var transport = new FakeTransport(r => r.Method == method
            ? throw new TaskCanceledException("timed out")
            : Respond.Object(200, Respond.Task(Id, "FAILED")));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => Change(c, method, Connect.Ct));

        Assert.Equal(VcfErrorKind.OutcomeUnknown, e.Kind);
        Assert.Contains("no answer came within", e.Message);
        Assert.Equal(1, transport.Count(method));
        Assert.Equal(VcfTaskState.Failed, e.Task!.StatusInfo.State);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.HostNotFound)]
    [InlineData(SocketError.NetworkUnreachable)]
    public async Task A_GET_that_cannot_connect_is_ConnectionFailed(SocketError error)
    {
        var transport = new FakeTransport(_ => throw new HttpRequestException("cannot connect", new SocketException((int)error)));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync(Id, Connect.Ct));

        Assert.Equal(VcfErrorKind.ConnectionFailed, e.Kind);
        Assert.Contains(Secrets.Server, e.Message);
        Assert.NotNull(e.RecommendedAction);
        Assert.All(transport.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task A_PATCH_refused_before_connecting_is_ConnectionFailed_not_OutcomeUnknown()
    {
        var transport = new FakeTransport(_ => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync(Id, Connect.Ct));

        Assert.Equal(VcfErrorKind.ConnectionFailed, e.Kind);
        Assert.Equal(1, transport.Count("PATCH"));
        Assert.Equal(0, transport.Count("GET"));
    }

    [Fact]
    public async Task A_GET_reset_mid_request_is_ConnectionFailed()
    {
        var transport = new FakeTransport(_ => throw new IOException("reset"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.List(new TaskQuery()).NextPageAsync(Connect.Ct));

        Assert.Equal(VcfErrorKind.ConnectionFailed, e.Kind);
    }

    [Fact]
    public async Task A_TaskCanceledException_not_from_the_caller_is_RequestTimeout_for_a_GET()
    {
        var transport = new FakeTransport(_ => throw new TaskCanceledException("timed out"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync(Id, Connect.Ct));

        Assert.Equal(VcfErrorKind.RequestTimeout, e.Kind);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task The_connection_timeout_is_RequestTimeout_for_a_GET_and_OutcomeUnknown_for_a_PATCH()
    {
        // Every request hangs, so each call takes the whole time limit: 1 s leaves a slow machine ample time
        // to get the request to the fake network before the limit, so that the counts below hold.
        var transport = Hang.Always(out _);
        var options = Connect.Options(transport);
        options.Timeout = TimeSpan.FromSeconds(1);
        using var c = await VcfConnection.OpenAsync(options, Connect.Ct);

        var get = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.GetAsync(Id, Connect.Ct));
        Assert.Equal(VcfErrorKind.RequestTimeout, get.Kind);
        Assert.Equal(1, transport.Count("GET"));

        var slowPatch = Hang.Always(out _);
        var patchOptions = Connect.Options(slowPatch);
        patchOptions.Timeout = TimeSpan.FromSeconds(1);
        using var c2 = await VcfConnection.OpenAsync(patchOptions, Connect.Ct);
        var patch = await Assert.ThrowsAsync<VcfException>(() => c2.Tasks.RetryAsync(Id, Connect.Ct));
        Assert.Equal(VcfErrorKind.OutcomeUnknown, patch.Kind);
        Assert.Equal(1, slowPatch.Count("PATCH"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("LIST")]
    public async Task Cancelling_the_callers_token_is_OperationCanceledException_not_a_VcfException(string operation)
    {
        var transport = Hang.Always(out var started);
        using var c = await Connect.OpenAsync(transport);
        using var cts = new CancellationTokenSource();

        Task call = operation switch
        {
            "GET" => c.Tasks.GetAsync(Id, cts.Token),
            "PATCH" => c.Tasks.RetryAsync(Id, cts.Token),
            "DELETE" => c.Tasks.CancelAsync(Id, cts.Token),
            _ => c.Tasks.List(new TaskQuery()).NextPageAsync(cts.Token),
        };
        await started.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<VcfException>(e);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var transport = new FakeTransport(_ => Respond.Empty(200));
        using var c = await Connect.OpenAsync(transport);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c.Tasks.RetryAsync(Id, new CancellationToken(true)));

        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task A_successful_retry_and_cancel_send_exactly_one_request_each_with_no_body()
    {
        var transport = new FakeTransport(_ => Respond.Empty(200));
        using var c = await Connect.OpenAsync(transport);

        await c.Tasks.RetryAsync(Id, Connect.Ct);
        await c.Tasks.CancelAsync(Id, Connect.Ct);

        Assert.Equal(new[] { "PATCH /v1/tasks/" + Id, "DELETE /v1/tasks/" + Id }, System.Linq.Enumerable.Select(transport.Requests, r => r.Line));
        Assert.All(transport.Requests, r => Assert.Null(r.Body));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task An_error_status_on_a_PATCH_is_not_resent(int status)
    {
        var transport = new FakeTransport(_ => Respond.Error(status, "E", "busy"));
        using var c = await Connect.OpenAsync(transport);

        var e = await Assert.ThrowsAsync<VcfException>(() => c.Tasks.RetryAsync(Id, Connect.Ct));

        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(1, transport.Count("PATCH"));
    }
}
