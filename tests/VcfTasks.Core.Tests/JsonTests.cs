using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using VcfTasks.Core.Json;
using VcfTasks.Core.Model;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

public class JsonTests
{
    private static VcfTask Task(string json) => JsonSerializer.Deserialize(json, VcfJson.Info<VcfTask>())!;

    private static PageOfTask Page(string json) => JsonSerializer.Deserialize(json, VcfJson.Info<PageOfTask>())!;

    private static byte[] Seed(string name) => File.ReadAllBytes(Paths.Fixture(Path.Combine("seed", name)));

    [Fact]
    public void Seed_listing_parses_with_both_tasks_their_subtasks_errors_and_resources()
    {
        var page = JsonSerializer.Deserialize(Seed("get-tasks.response.json"), VcfJson.Info<PageOfTask>())!;

        Assert.Null(page.PageMetadata);
        Assert.Equal(2, page.Elements!.Count);
        var failed = page.Elements[0];
        Assert.Equal("389c2fb6-3cea-47d7-b830-e701f4cf9aed", failed.Id);
        Assert.Equal("Failed", failed.StatusInfo.Raw);
        Assert.Equal(VcfTaskState.Failed, failed.StatusInfo.State);
        Assert.Equal(new[] { VcfTaskState.Successful, VcfTaskState.Failed, VcfTaskState.Pending }, failed.SubTasks!.Select(s => s.StatusInfo!.State));
        Assert.Equal("COMMISION_HOST_FAILED", failed.Errors!.Single().ErrorCode);
        Assert.Equal("f0f2f355-c91a-4d29-ba55-1c5e73608baa", failed.Resources!.Single().ResourceId);
        Assert.Equal("HOST", failed.Resources!.Single().Type);
        Assert.Equal("UNRESOLVED", failed.ResolutionStatus);
        Assert.False(failed.ReportedIsCancellable);
        Assert.False(failed.IsCancellable);
        Assert.Null(failed.ReportedIsRetryable);
        Assert.True(failed.IsRetryable);
        Assert.True(failed.IsComplete);
        Assert.Equal(1, failed.SubTasksDone);
        // A failed task is at the step that failed, not at the pending one after it.
        Assert.Equal("HostMaintenanceModeValidationAction", failed.CurrentSubTask!.Name);

        var credentials = page.Elements[1];
        Assert.Equal("Credentials rotate operation", credentials.Name);
        Assert.Equal(VcfTaskState.Successful, credentials.StatusInfo.State);
        Assert.True(credentials.IsCredentialsTask);
        Assert.False(credentials.IsRetryable);
    }

    [Fact]
    public void Seed_task_parses_and_its_1970_timestamp_is_read_as_utc()
    {
        var task = JsonSerializer.Deserialize(Seed("get-task-63eb8b2c.response.json"), VcfJson.Info<VcfTask>())!;

        Assert.Equal("63eb8b2c-c3b9-4aed-919a-26ac1315d359", task.Id);
        Assert.Equal("Vi workload Domain Creation", task.Name);
        Assert.Equal(VcfTaskState.Failed, task.StatusInfo.State);
        Assert.Equal(new DateTimeOffset(1970, 1, 20, 6, 19, 7, 495, TimeSpan.Zero), task.CreationTimestamp);
        Assert.Equal(TimeSpan.Zero, task.CreationTimestamp!.Value.Offset);
        Assert.Null(task.CompletionTimestamp);
        Assert.Empty(task.Errors!);
        Assert.Equal(3, task.SubTaskCount);
    }

    [Theory]
    [InlineData("get-tasks.response.json")]
    [InlineData("get-task-63eb8b2c.response.json")]
    public void The_escaped_backslash_in_the_seed_description_is_kept_literally(string file)
    {
        var text = Encoding.UTF8.GetString(Seed(file));
        var task = file.StartsWith("get-tasks", StringComparison.Ordinal) ? Page(text).Elements![0] : Task(text);

        var description = task.SubTasks!.Single(s => s.Name == "FetchDnsAndNtpAction").Description;
        Assert.Equal(@"Fetches DNS \u0026 NTP IPs", description);
        Assert.DoesNotContain("&", description);
    }

    [Theory]
    [InlineData("2019-06-20T12:03:18.890Z", "2019-06-20T12:03:18.890+00:00")]
    [InlineData("2019-06-20T14:03:18.890+02:00", "2019-06-20T12:03:18.890+00:00")]
    [InlineData("2019-06-20T12:03:18Z", "2019-06-20T12:03:18.000+00:00")]
    [InlineData("2019-06-20 12:03:18", "2019-06-20T12:03:18.000+00:00")]
    public void Timestamps_are_read_as_utc(string text, string expected)
    {
        var task = Task($"{{\"id\":\"t\",\"status\":\"FAILED\",\"creationTimestamp\":\"{text}\"}}");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), task.CreationTimestamp);
        Assert.Equal(TimeSpan.Zero, task.CreationTimestamp!.Value.Offset);
    }

    [Fact]
    public void An_epoch_milliseconds_number_is_read_as_a_timestamp()
    {
        var task = Task("{\"id\":\"t\",\"status\":\"FAILED\",\"creationTimestamp\":1561032198890}");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1561032198890), task.CreationTimestamp);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("\"2019-13-45T99:99:99Z\"")]
    [InlineData("{\"date\":\"2019-06-20\"}")]
    [InlineData("[2019,6,20]")]
    [InlineData("true")]
    [InlineData("1e300")]
    [InlineData("-99999999999999999")]
    [InlineData("null")]
    public void Garbage_timestamps_become_null(string value)
    {
        var task = Task($"{{\"id\":\"t\",\"status\":\"FAILED\",\"creationTimestamp\":{value},\"completionTimestamp\":{value},\"name\":\"after\"}}");
        Assert.Null(task.CreationTimestamp);
        Assert.Null(task.CompletionTimestamp);
        Assert.Equal("after", task.Name);
    }

    [Fact]
    public void Unknown_fields_are_ignored_whatever_their_shape()
    {
        var task = Task("""
            {"id":"t1","futureField":{"a":[1,2,{"b":null}],"c":"d"},"status":"FAILED","another":42,
             "subTasks":[{"name":"s","newThing":[[1],[2]],"status":"SKIPPED"}],
             "errors":[{"errorCode":"E","brandNew":{"x":1}}],"last":[]}
            """);

        Assert.Equal("t1", task.Id);
        Assert.Equal(VcfTaskState.Failed, task.StatusInfo.State);
        Assert.Equal(VcfTaskState.Skipped, task.SubTasks!.Single().StatusInfo!.State);
        Assert.Equal("E", task.Errors!.Single().ErrorCode);
    }

    [Fact]
    public void Numbers_and_booleans_where_strings_belong_are_kept_as_their_text()
    {
        var task = Task("""
            {"id":12345,"name":42,"type":1.50,"status":"FAILED","resolutionStatus":true,
             "resources":[{"resourceId":987,"type":false,"sans":[1,"a",null]}],
             "errors":[{"errorCode":500,"message":3.14,"arguments":[1,"two",null,true],"context":{"k":7,"o":{"x":1}}}]}
            """);

        Assert.Equal("12345", task.Id);
        Assert.Equal("42", task.Name);
        Assert.Equal("1.50", task.Type);
        Assert.Equal("true", task.ResolutionStatus);
        Assert.Equal("987", task.Resources![0].ResourceId);
        Assert.Equal("false", task.Resources[0].Type);
        Assert.Equal(new[] { "1", "a", null }, task.Resources[0].Sans!);
        Assert.Equal("500", task.Errors![0].ErrorCode);
        Assert.Equal("3.14", task.Errors[0].Message);
        Assert.Equal(new[] { "1", "two", null, "true" }, task.Errors[0].Arguments!);
        Assert.Equal("7", task.Errors[0].Context!["k"]);
        Assert.Null(task.Errors[0].Context!["o"]);
    }

    [Fact]
    public void Objects_where_strings_belong_become_null_without_failing_the_task()
    {
        var task = Task("{\"id\":\"t\",\"name\":{\"en\":\"x\"},\"type\":[\"A\"],\"status\":\"FAILED\"}");
        Assert.Null(task.Name);
        Assert.Null(task.Type);
        Assert.Equal("t", task.Id);
    }

    [Fact]
    public void Every_field_null_parses_without_exception()
    {
        var task = Task("""
            {"id":null,"name":null,"type":null,"status":null,"creationTimestamp":null,"completionTimestamp":null,
             "subTasks":null,"errors":null,"resources":null,"resolutionStatus":null,"isCancellable":null,
             "isRetryable":null,"localizableDescriptionPack":null}
            """);

        Assert.Equal(VcfTaskState.Unknown, task.StatusInfo.State);
        Assert.Equal(string.Empty, task.StatusInfo.Raw);
        Assert.False(task.IsComplete);
        Assert.False(task.IsRetryable);
        Assert.False(task.IsCancellable);
        Assert.Equal(0, task.SubTaskCount);
        Assert.Equal(0, task.SubTasksDone);
        Assert.Null(task.CurrentSubTask);
        Assert.False(task.IsCredentialsTask);
    }

    [Fact]
    public void Nulls_inside_arrays_and_nested_objects_parse_without_exception_and_only_a_page_keeps_their_places()
    {
        var page = Page("""
            {"elements":[null,{"id":"t","status":"FAILED",
              "subTasks":[null,{"name":null,"status":null,"stages":[null,{"status":null,"errors":[null]}],"subTasks":[null],"documentationLink":null}],
              "errors":[null,{"errorCode":null,"causes":[null,{"type":null,"message":null}],"nestedErrors":[null],"context":{"k":null}}],
              "resources":[null,{"sans":[null]}],
              "localizableDescriptionPack":{"arguments":[null],"message":null}}],
             "pageMetadata":{"pageNumber":null,"pageSize":null,"totalElements":null,"totalPages":null}}
            """);

        // The page keeps the null in its place, so the pager can say which element it skipped.
        Assert.Equal(2, page.Elements!.Count);
        Assert.Null(page.Elements[0]);
        var task = page.Elements[1];
        // A null subtask, stage, error, cause or resource carries nothing and is left out of its list;
        // a null among texts (arguments, sans) is a value and stays.
        Assert.Equal(1, task.SubTaskCount);
        Assert.Equal(VcfTaskState.Unknown, task.SubTasks![0].StatusInfo!.State);
        Assert.Single(task.SubTasks[0].Stages!);
        Assert.Empty(task.SubTasks[0].Stages![0].Errors!);
        Assert.Empty(task.SubTasks[0].SubTasks!);
        Assert.Null(task.Errors!.Single().Causes!.Single().Message);
        Assert.Empty(task.Errors![0].NestedErrors!);
        Assert.Null(task.Errors![0].Context!["k"]);
        Assert.Single(task.Resources!);
        Assert.Equal(new string?[] { null }, task.Resources![0].Sans);
        Assert.Equal(new string?[] { null }, task.LocalizableDescriptionPack!.Arguments);
        Assert.Null(page.PageMetadata!.TotalPages);
    }

    [Fact]
    public void Missing_status_is_an_empty_unknown_status()
    {
        var task = Task("{\"id\":\"t\"}");
        Assert.Equal(VcfTaskState.Unknown, task.StatusInfo.State);
        Assert.False(task.IsComplete);
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("true", "true")]
    [InlineData("{\"value\":\"FAILED\"}", "")]
    [InlineData("[\"FAILED\"]", "")]
    public void A_status_that_is_not_a_string_is_kept_as_raw_text_and_unknown(string value, string raw)
    {
        var task = Task($"{{\"id\":\"t\",\"status\":{value},\"name\":\"n\"}}");
        Assert.Equal(raw, task.StatusInfo.Raw);
        Assert.Equal(VcfTaskState.Unknown, task.StatusInfo.State);
        Assert.False(task.StatusInfo.IsTerminal);
        Assert.Equal("n", task.Name);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"True\"", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"yes\"", null)]
    [InlineData("null", null)]
    [InlineData("{}", null)]
    [InlineData("1.5", null)]
    public void Booleans_are_read_from_true_false_their_strings_and_0_1(string value, bool? expected)
    {
        var task = Task($"{{\"id\":\"t\",\"status\":\"IN_PROGRESS\",\"isRetryable\":{value},\"isCancellable\":{value}}}");
        Assert.Equal(expected, task.ReportedIsRetryable);
        Assert.Equal(expected, task.ReportedIsCancellable);
    }

    [Theory]
    [InlineData("FAILED", "Commissioning host", null, true)]
    [InlineData("Failed", "Commissioning host", "HOST_COMMISSION", true)]
    // A credentials task is retryable when FAILED: it is retried through the credentials API (issue 15).
    [InlineData("FAILED", "Credentials rotate operation", null, true)]
    [InlineData("FAILED", "Password update", "CREDENTIALS_UPDATE", true)]
    [InlineData("IN_PROGRESS", "Credentials rotate operation", null, false)]
    [InlineData("SUCCESSFUL", "Commissioning host", null, false)]
    [InlineData("IN_PROGRESS", "Commissioning host", null, false)]
    [InlineData("ROLLING_BACK", "Commissioning host", null, false)]
    public void Missing_isRetryable_is_derived_from_failed(string status, string name, string? type, bool retryable)
    {
        var typeJson = type is null ? "" : $",\"type\":\"{type}\"";
        var task = Task($"{{\"id\":\"t\",\"status\":\"{status}\",\"name\":\"{name}\"{typeJson}}}");
        Assert.Null(task.ReportedIsRetryable);
        Assert.Equal(retryable, task.IsRetryable);
    }

    [Fact]
    public void A_reported_isRetryable_wins_over_the_derived_one()
    {
        Assert.False(Task("{\"id\":\"t\",\"status\":\"FAILED\",\"isRetryable\":false}").IsRetryable);
        Assert.True(Task("{\"id\":\"t\",\"status\":\"SUCCESSFUL\",\"isRetryable\":\"true\"}").IsRetryable);
    }

    [Fact]
    public void Missing_isCancellable_is_derived_from_in_progress()
    {
        Assert.True(Task("{\"id\":\"t\",\"status\":\"In Progress\"}").IsCancellable);
        Assert.False(Task("{\"id\":\"t\",\"status\":\"PENDING\"}").IsCancellable);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("\"3\"", 3)]
    [InlineData("\"three\"", null)]
    [InlineData("3.5", null)]
    [InlineData("99999999999", null)]
    [InlineData("[]", null)]
    public void Page_metadata_integers_are_read_leniently(string value, int? expected)
    {
        var page = Page($"{{\"elements\":[],\"pageMetadata\":{{\"totalPages\":{value},\"pageNumber\":0}}}}");
        Assert.Equal(expected, page.PageMetadata!.TotalPages);
        Assert.Equal(0, page.PageMetadata.PageNumber);
    }

    private static string Nested(int arrays) => "{\"id\":\"t\",\"status\":\"FAILED\",\"deep\":" + new string('[', arrays) + new string(']', arrays) + "}";

    [Fact]
    public void Nesting_65_deep_is_a_JsonException()
    {
        // The task object is depth 1; 64 arrays inside it make the document 65 deep.
        var e = Assert.ThrowsAny<JsonException>(() => Task(Nested(64)));
        Assert.Contains("depth", e.Message);
    }

    [Fact]
    public void Nesting_64_deep_is_still_read()
    {
        Assert.Equal("t", Task(Nested(63)).Id);
    }

    // The task object (depth 1) with 31 levels of subtasks inside it (each an array and an object: depth 63),
    // the innermost subtask holding one more "subTasks" value: an empty array (depth 64) or an array with an
    // empty subtask in it (depth 65).
    private static string NestedSubTasks(string innermost)
    {
        var sb = new StringBuilder("{\"id\":\"t\",\"status\":\"FAILED\"");
        for (int i = 0; i < 31; i++) sb.Append(",\"subTasks\":[{\"name\":\"s").Append(i).Append('"');
        sb.Append(",\"subTasks\":").Append(innermost);
        for (int i = 0; i < 31; i++) sb.Append("}]");
        sb.Append('}');
        return sb.ToString();
    }

    [Fact]
    public void Subtasks_nested_65_deep_are_a_JsonException()
    {
        var e = Assert.ThrowsAny<JsonException>(() => Task(NestedSubTasks("[{}]")));
        Assert.Contains("depth", e.Message);
    }

    [Fact]
    public void Subtasks_nested_64_deep_are_still_read()
    {
        var task = Task(NestedSubTasks("[]"));
        var levels = 0;
        for (var subTasks = task.SubTasks; subTasks is { Count: > 0 }; subTasks = subTasks[0].SubTasks)
        {
            Assert.Equal("s" + levels, Assert.Single(subTasks).Name);
            levels++;
        }
        Assert.Equal(31, levels);
    }

    [Fact]
    public void A_10_MB_string_field_parses()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var task = Task("{\"id\":\"t\",\"status\":\"FAILED\",\"name\":\"" + huge + "\"}");
        Assert.Equal(huge.Length, task.Name!.Length);
    }

    [Fact]
    public void Error_bodies_parse_with_every_field()
    {
        var error = JsonSerializer.Deserialize("""
            {"errorCode":"TA_TASK_NOT_FOUND","errorType":"ERROR","arguments":["a"],"context":{"k":"v"},"message":"m",
             "remediationMessage":"r","causes":[{"type":"T","message":"cm"}],"nestedErrors":[{"errorCode":"N"}],"referenceToken":"4QX9ZK","extra":1}
            """, VcfJson.Info<VcfTaskError>())!;

        Assert.Equal("TA_TASK_NOT_FOUND", error.ErrorCode);
        Assert.Equal("ERROR", error.ErrorType);
        Assert.Equal("v", error.Context!["k"]);
        Assert.Equal("r", error.RemediationMessage);
        Assert.Equal("T: cm", error.Causes!.Single().ToString());
        Assert.Equal("N", error.NestedErrors!.Single().ErrorCode);
        Assert.Equal("4QX9ZK", error.ReferenceToken);
        Assert.Equal("TA_TASK_NOT_FOUND: m", error.ToString());
    }

    [Fact]
    public void Status_is_written_back_as_its_raw_text()
    {
        var task = Task("{\"id\":\"t\",\"status\":\"In Progress\",\"creationTimestamp\":\"2019-06-20T14:03:18.890+02:00\"}");
        var json = JsonSerializer.Serialize(task, VcfJson.Info<VcfTask>());
        Assert.Contains("\"status\":\"In Progress\"", json);
        Assert.Contains("\"creationTimestamp\":\"2019-06-20T12:03:18.890Z\"", json);
    }
}
