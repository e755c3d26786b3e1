using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// What a preview (-WhatIf) says the server would refuse: the same rule as the simulator and the contract (retry
/// only a FAILED task; cancel only an IN_PROGRESS one that does not say it cannot be cancelled), any spelling.
/// </summary>
public class StateRefusalTests
{
    private static VcfTask Task(string status, bool? cancellable = null) =>
        new() { Id = "t1", Name = "Add host", StatusInfo = new VcfTaskStatus(status), ReportedIsCancellable = cancellable };

    [Theory]
    [InlineData("FAILED")]
    [InlineData("Failed")]
    public void A_failed_task_may_be_retried(string status) => Assert.Null(TaskApi.RetryStateRefusal(Task(status)));

    [Theory]
    [InlineData("SUCCESSFUL")]
    [InlineData("In Progress")]
    [InlineData("PENDING")]
    [InlineData("CANCELLED")]
    [InlineData("SOMETHING_NEW")]
    public void Any_other_state_is_TaskNotRetryable_naming_the_task_and_its_state(string status)
    {
        var refusal = TaskApi.RetryStateRefusal(Task(status));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.TaskNotRetryable, refusal!.Kind);
        Assert.Equal("t1", refusal.TaskId);
        Assert.Contains(status, refusal.Message);
        Assert.Contains("Add host", refusal.Message);
    }

    [Theory]
    [InlineData("IN_PROGRESS", null)]
    [InlineData("In Progress", true)]
    public void A_running_task_may_be_cancelled(string status, bool? cancellable) =>
        Assert.Null(TaskApi.CancelStateRefusal(Task(status, cancellable)));

    [Theory]
    [InlineData("IN_PROGRESS", false)]
    [InlineData("PENDING", null)]
    [InlineData("Successful", null)]
    [InlineData("FAILED", null)]
    public void A_task_not_running_or_not_cancellable_is_TaskNotCancellable(string status, bool? cancellable)
    {
        var refusal = TaskApi.CancelStateRefusal(Task(status, cancellable));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.TaskNotCancellable, refusal!.Kind);
        Assert.Equal("t1", refusal.TaskId);
    }
}
