using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace VcfTasks.Core.Model;

/// <summary>The API's <c>PageOfTask</c>.</summary>
public sealed class PageOfTask
{
    /// <summary>The tasks of this page; an element that is not a task object is a null in its place.</summary>
    [JsonPropertyName("elements"), JsonConverter(typeof(Json.TaskElementsConverter))] public List<VcfTask>? Elements { get; set; }
    /// <summary>Paging facts, when the server sends them.</summary>
    [JsonPropertyName("pageMetadata")] public PageMetadata? PageMetadata { get; set; }
}

/// <summary>The API's <c>PageMetadata</c>.</summary>
public sealed class PageMetadata
{
    /// <summary>This page's number.</summary>
    [JsonPropertyName("pageNumber")] public int? PageNumber { get; set; }
    /// <summary>This page's size.</summary>
    [JsonPropertyName("pageSize")] public int? PageSize { get; set; }
    /// <summary>Elements in all pages.</summary>
    [JsonPropertyName("totalElements")] public int? TotalElements { get; set; }
    /// <summary>Number of pages.</summary>
    [JsonPropertyName("totalPages")] public int? TotalPages { get; set; }
}
