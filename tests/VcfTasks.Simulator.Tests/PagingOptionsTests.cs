using System.Diagnostics;

namespace VcfTasks.Simulator.Tests;

/// <summary>The command line of the paging options (issue 13): each value taken, each bad value refused with its own message.</summary>
public sealed class PagingOptionsTests
{
    [Fact]
    public void Each_paging_option_is_read_and_the_defaults_are_SDDC_Managers_own_paging()
    {
        var d = OptionsParser.Parse([]);
        Assert.Equal((0, null, 100, "full", 0, "front", 0), (d.PageBase, d.PageSizeServed, d.PageSizeCap, d.PageMetadata, d.GrowPerPage, d.GrowAt, d.OutOfOrderMs));

        var o = OptionsParser.Parse(["--page-base", "1", "--page-size-served", "250", "--page-metadata", "no-total-pages",
            "--grow-per-page", "3", "--grow-at", "end", "--out-of-order", "40"]);
        Assert.Equal((1, 250, "no-total-pages", 3, "end", 40), (o.PageBase, o.PageSizeServed, o.PageMetadata, o.GrowPerPage, o.GrowAt, o.OutOfOrderMs));
        Assert.Equal(40, OptionsParser.Parse(["--page-size-cap", "40"]).PageSizeCap);
        foreach (var mode in new[] { "full", "no-total-pages", "no-total-elements", "none", "contradict" })
        {
            Assert.Equal(mode, OptionsParser.Parse(["--page-metadata", mode]).PageMetadata);
        }

        Assert.Contains("[--page-base 0|1] [--page-size-served N | --page-size-cap N]", OptionsParser.Usage);
        Assert.Contains("[--page-metadata full|no-total-pages|no-total-elements|none|contradict]", OptionsParser.Usage);
        Assert.Contains("[--grow-per-page N] [--grow-at front|end] [--out-of-order MS]", OptionsParser.Usage);
    }

    [Theory]
    [InlineData("--page-base 2", "'--page-base' needs an integer from 0 to 1, not '2'")]
    [InlineData("--page-size-served 0", "'--page-size-served' needs an integer from 1 to 1000000, not '0'")]
    [InlineData("--page-size-cap forty", "'--page-size-cap' needs an integer from 1 to 1000000, not 'forty'")]
    [InlineData("--page-metadata partial", "'--page-metadata' needs one of full, no-total-pages, no-total-elements, none, contradict, not 'partial'")]
    [InlineData("--grow-per-page -1", "'--grow-per-page' needs an integer from 0 to 10000, not '-1'")]
    [InlineData("--grow-at middle", "'--grow-at' needs one of front, end, not 'middle'")]
    [InlineData("--out-of-order 0", "'--out-of-order' needs an integer from 1 to 60000, not '0'")]
    [InlineData("--out-of-order", "'--out-of-order' needs a value")]
    [InlineData("--page-size-served 250 --page-size-cap 40", "'--page-size-served' and '--page-size-cap' cannot go together")]
    [InlineData("--api 4.5 --page-base 1", "need a paged API (5.2 or 9.0); '--api 4.5' has no paging")]
    [InlineData("--page-metadata none --api 4.5", "need a paged API (5.2 or 9.0); '--api 4.5' has no paging")]
    public void A_bad_paging_value_is_refused_with_a_message_naming_the_option(string line, string message)
    {
        var e = Assert.Throws<OptionsException>(() => OptionsParser.Parse(line.Split(' ')));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Growth_out_of_order_and_the_full_metadata_go_with_4_5_which_has_no_paging_to_change()
    {
        var o = OptionsParser.Parse(["--api", "4.5", "--grow-per-page", "2", "--grow-at", "end", "--out-of-order", "10", "--page-metadata", "full"]);
        Assert.Equal((2, "end", 10), (o.GrowPerPage, o.GrowAt, o.OutOfOrderMs));
    }

    [Fact]
    public async Task Options_that_cannot_go_together_stop_an_in_process_start_too()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            SimulatorHost.StartAsync(new SimulatorOptions { PageSizeServed = 250, PageSizeCap = 40 }));
        Assert.Contains("cannot go together", e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(new SimulatorOptions { GrowAt = "middle" }));
    }

    [Fact]
    public async Task The_process_refuses_a_bad_paging_value_on_stderr_with_exit_code_2_and_prints_nothing_on_stdout()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(SimulatorHost).Assembly.Location, "--page-metadata", "partial" })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Option '--page-metadata' needs one of full, no-total-pages, no-total-elements, none, contradict, not 'partial'.", await stderr);
        Assert.Equal("", await stdout);
    }
}
