using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// What the table of operations (<see cref="TaskOperations"/>) says the server would refuse: the same rule as the
/// simulator and the contract (retry only a FAILED task that is not a credentials task; cancel only an IN_PROGRESS
/// one that does not say it cannot be cancelled), any spelling; and messages that say what the task is and what the
/// API allows, the status spelled as the API names it.
/// </summary>
public class StateRefusalTests
{
    private static VcfTask Task(string status, bool? cancellable = null, string name = "Add host") =>
        new() { Id = "t1", Name = name, StatusInfo = new VcfTaskStatus(status), ReportedIsCancellable = cancellable };

    private static VcfException? Retry(VcfTask task) => TaskOperations.Refusal(TaskOperation.Retry, task);

    private static VcfException? Cancel(VcfTask task) => TaskOperations.Refusal(TaskOperation.Cancellation, task);

    [Theory]
    [InlineData("FAILED")]
    [InlineData("Failed")]
    public void A_failed_task_may_be_retried(string status) => Assert.Null(Retry(Task(status)));

    [Theory]
    [InlineData("SUCCESSFUL", "SUCCESSFUL")]
    [InlineData("In Progress", "IN_PROGRESS")]
    [InlineData("PENDING", "PENDING")]
    [InlineData("Cancelled", "CANCELLED")]
    [InlineData("SOMETHING_NEW", "SOMETHING_NEW")]
    public void Any_other_state_is_TaskNotRetryable_naming_the_task_its_state_and_what_the_API_allows(string status, string spelled)
    {
        var refusal = Retry(Task(status));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.TaskNotRetryable, refusal!.Kind);
        Assert.Equal("t1", refusal.TaskId);
        Assert.Equal($"Task 'Add host' (t1) cannot be retried: it is {spelled}, and SDDC Manager retries only a FAILED task.", refusal.Message);
        Assert.Contains("Get-VcfTask -Id t1", refusal.RecommendedAction);
    }

    [Fact]
    public void A_credentials_task_is_CredentialTaskNotRetryable_whatever_its_state_with_the_credentials_API_as_advice()
    {
        var refusal = Retry(Task("FAILED", name: "Credentials update"));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.CredentialTaskNotRetryable, refusal!.Kind);
        Assert.Contains("it is a credentials task, and SDDC Manager retries those only through the credentials API", refusal.Message);
        Assert.Contains("PATCH /v1/credentials/tasks/t1", refusal.RecommendedAction);
    }

    [Theory]
    [InlineData("IN_PROGRESS", null)]
    [InlineData("In Progress", true)]
    public void A_running_task_may_be_cancelled(string status, bool? cancellable) =>
        Assert.Null(Cancel(Task(status, cancellable)));

    [Theory]
    [InlineData("PENDING", null, "PENDING")]
    [InlineData("Successful", null, "SUCCESSFUL")]
    [InlineData("FAILED", false, "FAILED")]
    public void A_task_not_running_is_TaskNotCancellable_saying_only_an_IN_PROGRESS_task_can_be(string status, bool? cancellable, string spelled)
    {
        var refusal = Cancel(Task(status, cancellable));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.TaskNotCancellable, refusal!.Kind);
        Assert.Equal("t1", refusal.TaskId);
        Assert.Equal($"Task 'Add host' (t1) cannot be cancelled: it is {spelled}, and SDDC Manager cancels only an IN_PROGRESS task.", refusal.Message);
    }

    [Theory]
    [InlineData("IN_PROGRESS")]
    [InlineData("In Progress")]
    public void A_running_task_marked_not_cancellable_is_TaskNotCancellable_saying_so_without_contradiction(string status)
    {
        var refusal = Cancel(Task(status, cancellable: false));
        Assert.NotNull(refusal);
        Assert.Equal(VcfErrorKind.TaskNotCancellable, refusal!.Kind);
        Assert.Equal("Task 'Add host' (t1) cannot be cancelled: it is IN_PROGRESS, but SDDC Manager marks it as not cancellable (isCancellable is false), and cancels only a task it marks cancellable.", refusal.Message);
        Assert.DoesNotContain("only an IN_PROGRESS", refusal.Message);
        Assert.Contains("Wait-VcfTask -Id t1", refusal.RecommendedAction);
    }

    [Fact]
    public void A_task_without_a_name_is_named_by_its_id()
    {
        var refusal = Retry(Task("SUCCESSFUL", name: ""));
        Assert.StartsWith("Task t1 cannot be retried: it is SUCCESSFUL", refusal!.Message);
    }
}
