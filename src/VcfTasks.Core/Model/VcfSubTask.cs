using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks;

/// <summary>A subtask of a task (subtasks may nest): the fields of every <see cref="VcfTaskStep"/>, with its stages, resources and subtasks.</summary>
public sealed class VcfSubTask : VcfTaskStep
{
    /// <summary>Stages.</summary>
    [JsonPropertyName("stages")] public List<VcfTaskStage>? Stages { get; set; }
    /// <summary>Resources.</summary>
    [JsonPropertyName("resources")] public List<VcfTaskResource>? Resources { get => _resources; set => _resources = VcfTaskResourceList.From(value); }
    private VcfTaskResourceList? _resources;
    /// <summary>Nested subtasks.</summary>
    [JsonPropertyName("subTasks")] public List<VcfSubTask>? SubTasks { get => _subTasks; set => _subTasks = VcfSubTaskList.From(value); }
    private VcfSubTaskList? _subTasks;
    /// <summary>Documentation link.</summary>
    [JsonPropertyName("documentationLink")] public VcfDocumentationLink? DocumentationLink { get; set; }
}
