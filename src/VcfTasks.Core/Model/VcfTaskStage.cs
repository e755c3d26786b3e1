namespace VcfTasks;

/// <summary>A stage of a subtask: the fields of every <see cref="VcfTaskStep"/>, and no more.</summary>
public sealed class VcfTaskStage : VcfTaskStep
{
}
