using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// Every property of every model the client reads, with every kind of JSON value in its place, read through the
/// client's streaming path one byte, seven bytes and the whole body at a time. The cases come from the models by
/// reflection (<see cref="ModelDocuments"/>): a field added to a model is covered without touching this file.
/// </summary>
public class LenienceMatrixTests
{
    /// <summary>The values put in each property's place; "absent" removes the property.</summary>
    public static readonly string[] Values =
    {
        "null", "true", "0", "-1.5", "1e300", "\"\"", "\"text\"", "{}", "{\"a\":[1,{\"b\":null}]}", "[]", "[null]", "absent",
    };

    /// <summary>A field no model has, to show unknown fields are passed over at every depth.</summary>
    public const string UnknownField = "zzFieldFromANewerVersion";

    private static readonly int?[] Feeds = { 1, 7, null };

    // Each model at the first place it stands (a task inside a page, not again as the answer to GET /v1/tasks/{id}),
    // and each root answer at its root.
    private static IEnumerable<ModelDocuments.Location> Places() =>
        ModelDocuments.Roots.SelectMany(ModelDocuments.Locations).GroupBy(l => l.Model).Select(g => g.First())
            .Concat(ModelDocuments.Roots.Skip(1).Select(r => ModelDocuments.Locations(r).First()))
            .Distinct();

    public static IEnumerable<object[]> Cases() =>
        from location in Places()
        from property in ModelDocuments.JsonProperties(location.Model).Select(p => p.Name).Append(UnknownField)
        from value in Values
        select new object[] { location.ToString(), property, value };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Any_value_in_any_field_is_read_without_losing_the_task_or_the_other_fields(string where, string property, string value)
    {
        var location = Places().First(l => l.ToString() == where);
        var baselineDoc = ModelDocuments.Build(location.Root);
        var baseline = (await ModelDocuments.ReadAsync(location.Root, Encoding.UTF8.GetBytes(baselineDoc.ToJsonString()), null))!;

        var doc = ModelDocuments.Build(location.Root);
        var target = ModelDocuments.Navigate(doc, location.Path);
        if (value == "absent") target.Remove(property);
        else target[property] = JsonNode.Parse(value);
        var bytes = Encoding.UTF8.GetBytes(doc.ToJsonString());

        foreach (var feed in Feeds)
        {
            var feedName = feed is { } n ? $"{n} byte(s) a read" : "whole";
            object? read;
            try
            {
                read = await ModelDocuments.ReadAsync(location.Root, bytes, feed);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{where}.{property} = {value}, {feedName}: {e.GetType().Name}: {e.Message}");
            }
            Assert.NotNull(read);

            // Put the baseline's value back where the odd one went; everything must then be as in the baseline:
            // the same tasks (none lost), and every other field as it was.
            var mutated = ModelDocuments.Navigate(read!, location.Path);
            Assert.True(mutated is not null, $"{where}.{property} = {value}, {feedName}: the object holding the field was lost");
            var original = ModelDocuments.Navigate(baseline, location.Path)!;
            var field = ModelDocuments.JsonProperties(location.Model).FirstOrDefault(p => p.Name == property).Property;
            field?.SetValue(mutated, field.GetValue(original));
            Assert.True(ModelDocuments.Write(baseline) == ModelDocuments.Write(read!),
                $"{where}.{property} = {value}, {feedName}: other fields changed:\n{ModelDocuments.Write(read!)}\nexpected\n{ModelDocuments.Write(baseline)}");
        }
    }

    [Fact]
    public void The_matrix_covers_every_model_the_client_reads()
    {
        var models = ModelDocuments.Roots.SelectMany(ModelDocuments.Locations).Select(l => l.Model).Distinct().Select(t => t.Name).OrderBy(n => n);
        Assert.Equal(
            new[] { "PageMetadata", "PageOfTask", "RefreshTokenRef", "TokenPair", "VcfDocumentationLink", "VcfErrorCause", "VcfMessagePack", "VcfSubTask", "VcfTask", "VcfTaskError", "VcfTaskResource", "VcfTaskStage" },
            models);
        // 12 values for each property and one unknown field of each model, at each place.
        Assert.True(Cases().Count() > 700, $"only {Cases().Count()} cases");
    }
}
