using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace VcfTasks.Core.Tests;

public class VcfTaskStatusTests
{
    // Every spelling the contract lists, with its state and whether the contract calls it terminal.
    public static readonly TheoryData<string, VcfTaskState, bool> Spellings = new()
    {
        { "PENDING", VcfTaskState.Pending, false },
        { "Pending", VcfTaskState.Pending, false },
        { "IN_PROGRESS", VcfTaskState.InProgress, false },
        { "In Progress", VcfTaskState.InProgress, false },
        { "SUCCESSFUL", VcfTaskState.Successful, true },
        { "Successful", VcfTaskState.Successful, true },
        { "FAILED", VcfTaskState.Failed, true },
        { "Failed", VcfTaskState.Failed, true },
        { "CANCELLED", VcfTaskState.Cancelled, true },
        { "Cancelled", VcfTaskState.Cancelled, true },
        { "COMPLETED_WITH_WARNING", VcfTaskState.CompletedWithWarning, true },
        { "SKIPPED", VcfTaskState.Skipped, true },
        { "NOT_APPLICABLE", VcfTaskState.NotApplicable, false },
        { "USER_CANCELLED", VcfTaskState.UserCancelled, true },
        { "INCONSISTENT", VcfTaskState.Inconsistent, true },
    };

    private static IEnumerable<(string Text, VcfTaskState State)> All =>
        Spellings.Select(row => ((string)row[0], (VcfTaskState)row[1]));

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Every_contract_spelling_maps_to_its_state_and_terminality(string text, VcfTaskState state, bool terminal)
    {
        var status = new VcfTaskStatus(text);

        Assert.Equal(text, status.Raw);
        Assert.Equal(state, status.State);
        Assert.Equal(terminal, status.IsTerminal);
        Assert.Equal(terminal, VcfTaskStatus.IsTerminalState(state));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void ApiValue_is_the_upper_case_underscore_spelling(string text, VcfTaskState state, bool terminal)
    {
        _ = terminal;
        var expected = state switch
        {
            VcfTaskState.InProgress => "IN_PROGRESS",
            VcfTaskState.CompletedWithWarning => "COMPLETED_WITH_WARNING",
            VcfTaskState.NotApplicable => "NOT_APPLICABLE",
            VcfTaskState.UserCancelled => "USER_CANCELLED",
            _ => text.ToUpperInvariant(),
        };
        Assert.Equal(expected, new VcfTaskStatus(text).ApiValue);
    }

    [Theory]
    [InlineData("ROLLING_BACK")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("DONE")]
    [InlineData("IN_PROGRESS_NOW")]
    [InlineData("3")]
    [InlineData("SUCCESSFUL_SUCCESSFUL_SUCCESSFUL_SUCCESSFUL")]
    public void Unknown_values_are_kept_raw_never_terminal_and_never_throw(string? text)
    {
        var status = new VcfTaskStatus(text);

        Assert.Equal(text ?? string.Empty, status.Raw);
        Assert.Equal(VcfTaskState.Unknown, status.State);
        Assert.False(status.IsTerminal);
        Assert.Equal(text ?? string.Empty, status.ApiValue);
        Assert.Equal(text ?? string.Empty, status.ToString());
        Assert.False(status.Equals(VcfTaskState.Unknown));
    }

    [Fact]
    public void Unknown_state_is_not_terminal() => Assert.False(VcfTaskStatus.IsTerminalState(VcfTaskState.Unknown));

    [Fact]
    public void Equals_across_every_pair_of_spellings_is_true_exactly_for_the_same_state_with_consistent_hash_codes()
    {
        foreach (var (a, stateA) in All)
        {
            foreach (var (b, stateB) in All)
            {
                var sa = new VcfTaskStatus(a);
                var sb = new VcfTaskStatus(b);
                bool same = stateA == stateB;
                Assert.True(same == sa.Equals(sb), $"'{a}' vs '{b}' as statuses");
                Assert.True(same == sa.Equals((object)b), $"'{a}' vs the string '{b}'");
                Assert.True(same == (sa == sb), $"'{a}' == '{b}'");
                Assert.True(!same == (sa != sb), $"'{a}' != '{b}'");
                if (same) Assert.True(sa.GetHashCode() == sb.GetHashCode(), $"hash of '{a}' and '{b}'");
            }
        }
    }

    [Fact]
    public void Equals_against_the_enum_is_true_only_for_its_own_state()
    {
        foreach (var (text, state) in All)
        {
            var status = new VcfTaskStatus(text);
            foreach (var other in System.Enum.GetValues<VcfTaskState>())
                Assert.True((other == state) == status.Equals((object)other), $"'{text}' vs {other}");
        }
    }

    [Theory]
    [InlineData("In Progress", "in_progress")]
    [InlineData("In Progress", "InProgress")]
    [InlineData("In Progress", "inprogress")]
    [InlineData("Failed", "failed")]
    [InlineData("COMPLETED_WITH_WARNING", "Completed With Warning")]
    [InlineData("CANCELLED", "Canceled")]
    public void Case_spaces_and_underscores_do_not_matter(string a, string b)
    {
        Assert.True(new VcfTaskStatus(a).Equals((object)b));
        Assert.Equal(new VcfTaskStatus(a).GetHashCode(), new VcfTaskStatus(b).GetHashCode());
    }

    [Fact]
    public void Unknown_statuses_compare_by_raw_text_ignoring_case_with_consistent_hash_codes()
    {
        var a = new VcfTaskStatus("ROLLING_BACK");
        var b = new VcfTaskStatus("rolling_back");
        var c = new VcfTaskStatus("ROLLING BACK");

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)"Rolling_Back"));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(c));
        Assert.False(a.Equals(new VcfTaskStatus("FAILED")));
        Assert.False(new VcfTaskStatus("FAILED").Equals(a));
        Assert.False(a.Equals((object?)null));
        Assert.False(a.Equals((object)42));
        Assert.True(new VcfTaskStatus(null).Equals(new VcfTaskStatus("")));
    }

    [Fact]
    public void Statuses_work_as_dictionary_keys_across_spellings()
    {
        var set = new HashSet<VcfTaskStatus> { "FAILED", "Failed", "In Progress", "IN_PROGRESS", "ROLLING_BACK", "rolling_back" };
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void ToString_is_the_state_name_and_implicit_conversion_and_Parse_read_text()
    {
        VcfTaskStatus fromString = "In Progress";
        Assert.Equal("InProgress", fromString.ToString());
        Assert.Equal(VcfTaskState.Failed, VcfTaskStatus.Parse("Failed").State);
    }

    [Fact]
    public void CompareTo_orders_by_state()
    {
        Assert.Equal(0, new VcfTaskStatus("FAILED").CompareTo("FAILED"));
        Assert.True(new VcfTaskStatus("PENDING").CompareTo("FAILED") < 0);
        Assert.True(new VcfTaskStatus("FAILED").CompareTo(VcfTaskState.Pending) > 0);
        Assert.True(new VcfTaskStatus("FAILED").CompareTo(null) > 0);
    }

    [Fact]
    public void CompareTo_is_zero_exactly_when_Equals_is_true_for_every_pair_of_spellings_known_and_unknown()
    {
        // Sort-Object -Unique, Group-Object and Select-Object -Unique go by CompareTo: it must agree with Equals.
        var texts = new[]
        {
            "PENDING", "Pending", "IN_PROGRESS", "In Progress", "inprogress", "SUCCESSFUL", "Successful", "FAILED", "Failed",
            "CANCELLED", "Cancelled", "COMPLETED_WITH_WARNING", "SKIPPED", "NOT_APPLICABLE", "USER_CANCELLED", "INCONSISTENT",
            "WEIRD", "weird", "Other", "", null,
        };
        foreach (var a in texts)
        {
            foreach (var b in texts)
            {
                var x = VcfTaskStatus.FromRaw(a);
                var y = VcfTaskStatus.FromRaw(b);
                Assert.True(x.Equals(y) == (x.CompareTo(y) == 0), $"'{a}' vs '{b}': Equals {x.Equals(y)}, CompareTo {x.CompareTo(y)}");
                Assert.Equal(Math.Sign(x.CompareTo(y)), -Math.Sign(y.CompareTo(x)));
                if (x.Equals(y)) Assert.Equal(x.GetHashCode(), y.GetHashCode());
            }
        }
    }

    [Fact]
    public void A_status_converts_to_its_state()
    {
        VcfTaskState state = VcfTaskStatus.FromRaw("In Progress");
        Assert.Equal(VcfTaskState.InProgress, state);
        Assert.Equal(VcfTaskState.Unknown, (VcfTaskState)VcfTaskStatus.FromRaw("odd"));
    }
}
