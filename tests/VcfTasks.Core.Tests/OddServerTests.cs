using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using VcfTasks.Core.Auth;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>Answers a server that is not ours may send: valid JSON the simulator would not write, read on the client's path.</summary>
public class OddServerTests
{
    // A running task as a Java server that writes nulls sends it, with wrong kinds in its optional fields.
    private static string OddTask(int i) => $$$"""
        {"id":"task-{{{i:D3}}}","name":"Task {{{i}}}","type":null,"status":"In Progress","creationTimestamp":"2026-01-0{{{1 + i % 9}}}T10:00:00+0000",
         "completionTimestamp":null,"subTasks":null,"errors":{},"resources":[null,{"resourceId":7,"sans":"none"}],
         "isRetryable":"false","isCancellable":1,"localizableDescriptionPack":"text","resolutionStatus":{"a":[1,{"b":null}]},
         "zzNewField":{"nested":[null,true]}}
        """;

    [Fact]
    public async Task A_streamed_page_larger_than_one_read_with_explicit_nulls_and_odd_kinds_lists_every_task()
    {
        // 100 such tasks are far more than the 16 KB a read takes, so most values arrive in a partial buffer:
        // the reported failure was "Cannot skip tokens on partial JSON" at elements[9].completionTimestamp.
        var body = "{\"elements\":[" + string.Join(",", Enumerable.Range(0, 100).Select(OddTask)) + "],\"pageMetadata\":{\"totalPages\":1,\"zz\":null}}";
        Assert.True(body.Length > 2 * 16 * 1024, $"body is only {body.Length} bytes");
        var transport = new FakeTransport(_ => Respond.Json(body));
        var connection = await Connect.OpenAsync(transport);

        var tasks = await Connect.AllAsync(connection.Tasks.List(new TaskQuery { PageSize = 100 }));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"task-{i:D3}"), tasks.Select(t => t.Id));
        var t9 = tasks[9];
        Assert.Null(t9.CompletionTimestamp);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), t9.CreationTimestamp);
        Assert.Equal(VcfTaskState.InProgress, t9.StatusInfo.State);
        Assert.Null(t9.SubTasks);
        Assert.Null(t9.Errors);
        Assert.Equal("7", t9.Resources!.Single().ResourceId);
        Assert.Null(t9.Resources![0].Sans);
        Assert.False(t9.ReportedIsRetryable);
        Assert.True(t9.ReportedIsCancellable);
        Assert.Null(t9.LocalizableDescriptionPack);
        Assert.Null(t9.ResolutionStatus);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task Only_elements_that_are_not_tasks_or_have_no_usable_id_are_skipped_each_with_a_warning_naming_element_and_page()
    {
        var transport = new FakeTransport(_ => Respond.Json("""
            {"elements":[{"id":"a","status":"FAILED"},42,"text",null,[],{"name":"nameless","status":"FAILED"},{"id":"  "},{"id":{}},
                         {"id":7,"status":"FAILED"},{"id":"b","status":{"odd":true}}],"pageMetadata":{"totalPages":1}}
            """));
        var connection = await Connect.OpenAsync(transport);
        var sink = new TestLogSink();

        System.Collections.Generic.List<VcfTask> tasks;
        using (VcfLog.Use(sink)) tasks = await Connect.AllAsync(connection.Tasks.List(new TaskQuery()));

        Assert.Equal(new[] { "a", "7", "b" }, tasks.Select(t => t.Id));
        // A status that is not text is kept as unknown, never dropped.
        Assert.Equal(VcfTaskState.Unknown, tasks[2].StatusInfo.State);
        Assert.Equal(new[]
        {
            "Element 1 of page 0 of the task listing is not a task object: skipped.",
            "Element 2 of page 0 of the task listing is not a task object: skipped.",
            "Element 3 of page 0 of the task listing is not a task object: skipped.",
            "Element 4 of page 0 of the task listing is not a task object: skipped.",
            "Element 5 of page 0 of the task listing has no usable id (name 'nameless'): skipped.",
            "Element 6 of page 0 of the task listing has no usable id: skipped.",
            "Element 7 of page 0 of the task listing has no usable id: skipped.",
        }, sink.At(VcfLogLevel.Warning));
    }

    [Theory]
    [InlineData("\"2024-05-06T07:08:09.123Z\"", "2024-05-06T07:08:09.1230000+00:00")]
    [InlineData("\"2024-05-06T07:08:09.123+00:00\"", "2024-05-06T07:08:09.1230000+00:00")]
    [InlineData("\"2024-05-06T09:08:09.123+02:00\"", "2024-05-06T07:08:09.1230000+00:00")]
    [InlineData("\"2024-05-06T07:08:09.123+0000\"", "2024-05-06T07:08:09.1230000+00:00")]
    [InlineData("\"2024-05-06T02:08:09-0500\"", "2024-05-06T07:08:09.0000000+00:00")]
    [InlineData("\"2024-05-06T07:08:09.123\"", "2024-05-06T07:08:09.1230000+00:00")]
    [InlineData("\"2024-05-06T07:08:09\"", "2024-05-06T07:08:09.0000000+00:00")]
    [InlineData("1715000000123", "2024-05-06T12:53:20.1230000+00:00")]
    [InlineData("\"1715000000123\"", "2024-05-06T12:53:20.1230000+00:00")]
    [InlineData("\"1970-01-20T06:19:07.495Z\"", "1970-01-20T06:19:07.4950000+00:00")]
    [InlineData("\"garbage\"", null)]
    [InlineData("\"\"", null)]
    [InlineData("-1.5", null)]
    [InlineData("1e300", null)]
    [InlineData("true", null)]
    [InlineData("{}", null)]
    [InlineData("null", null)]
    public async Task Timestamps_in_every_form_are_read_as_UTC_and_garbage_as_null(string value, string? expected)
    {
        foreach (int? feed in new int?[] { 1, 7, null })
        {
            var bytes = Encoding.UTF8.GetBytes("{\"id\":\"t\",\"status\":\"FAILED\",\"creationTimestamp\":" + value + "}");
            var task = (VcfTask)(await ModelDocuments.ReadAsync(typeof(VcfTask), bytes, feed))!;
            Assert.Equal(expected, task.CreationTimestamp?.ToString("o"));
            Assert.Equal(TimeSpan.Zero, task.CreationTimestamp?.Offset ?? TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Nesting_65_deep_is_still_refused_when_the_body_arrives_in_pieces(int feed)
    {
        // Lenient properties read their values whole, each from depth 0 of its own; the depth limit must still count from the document.
        var sb = new StringBuilder("{\"id\":\"t\",\"status\":\"FAILED\"");
        for (int i = 0; i < 31; i++) sb.Append(",\"subTasks\":[{\"name\":\"s").Append(i).Append('"');
        sb.Append(",\"subTasks\":[{}]");
        for (int i = 0; i < 31; i++) sb.Append("}]");
        sb.Append('}');

        var e = await Assert.ThrowsAnyAsync<JsonException>(() => ModelDocuments.ReadAsync(typeof(VcfTask), Encoding.UTF8.GetBytes(sb.ToString()), feed));
        Assert.Contains("depth", e.Message);
    }

    [Theory]
    [InlineData("{\"exp\":1900000000}", 1900000000L)]
    [InlineData("{\"iat\":[1,{\"b\":null}],\"exp\":1900000000,\"z\":{}}", 1900000000L)]
    [InlineData("{\"exp\":null,\"iat\":{}}", null)]
    [InlineData("{\"exp\":[1900000000]}", null)]
    [InlineData("{\"exp\":{\"a\":[1,{\"b\":null}]}}", null)]
    [InlineData("{\"exp\":true}", null)]
    [InlineData("{\"exp\":1e300}", null)]
    public void A_token_expiry_of_any_kind_is_read_or_ignored_without_an_exception(string payload, long? expected)
    {
        Assert.Equal(expected, JwtExpiry.Read(Jwt.WithPayload(payload))?.ToUnixTimeSeconds());
    }
}
