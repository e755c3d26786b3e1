using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Tests.Support;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>
/// The pager against generated server behaviours (issue 13, part 5): pages counted from 0 or 1; a served page size
/// smaller than, equal to or larger than the one asked; paging facts full, partial or absent; tasks arriving at the
/// front or the end between requests; tasks taken out as they are listed (a retry pipeline); answers served out of
/// order; -ThrottleLimit 1 to 16; -First and -Skip. Every
/// seed must keep the invariant: every task there throughout is listed exactly once, or a warning says how many may be
/// missing; never a duplicate; never a request past what the output can use.
/// </summary>
public class PagerModelTests
{
    private const int Seeds = 500;

    private static readonly Regex Counted = new(@"the server counted (?<counted>[\d,]+) task\(s\) and (?<listed>[\d,]+) (was|were) listed", RegexOptions.CultureInvariant);

    [Fact]
    public async Task Every_generated_server_lists_every_task_once_or_warns_with_the_number_missing()
    {
        var failures = new List<string>();
        for (int seed = 1; seed <= Seeds; seed++)
        {
            string? failure;
            try
            {
                failure = await CheckAsync(ModelBehaviour.From(seed));
            }
            catch (Exception e)
            {
                failure = e.GetType().Name + ": " + e.Message;
            }
            if (failure is not null) failures.Add($"seed {seed} ({ModelBehaviour.From(seed)}): {failure}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Seeds} seeds failed:\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>
    /// One seed alone, for a failing seed printed by the test above: <c>PAGER_SEED=37 dotnet test --filter One_seed</c>
    /// (seed 1 without it).
    /// </summary>
    [Fact]
    public async Task One_seed()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("PAGER_SEED"), out var s) ? s : 1;
        var failure = await CheckAsync(ModelBehaviour.From(seed));
        Assert.True(failure is null, $"seed {seed} ({ModelBehaviour.From(seed)}): {failure}");
    }

    /// <summary>Runs one listing as Get-VcfTask does and returns what broke the invariant, or null.</summary>
    internal static async Task<string?> CheckAsync(ModelBehaviour b)
    {
        var server = new ModelServer(b);
        var sink = new TestLogSink();
        var listed = new List<string>();
        using (VcfLog.Use(sink))
        {
            var connection = await Connect.OpenAsync(server.Transport);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            listed.AddRange(await Listing.ReadAsync(connection, new TaskQuery { PageSize = b.AskedSize }, b.ThrottleLimit, b.Skip, b.First, timeout.Token,
                b.ConsumerRemoves ? server.Remove : null));
        }
        var warnings = sink.At(VcfLogLevel.Warning).ToList();
        var problems = new StringBuilder();

        var duplicates = listed.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) problems.Append($"listed twice: {string.Join(",", duplicates.Take(5))}; ");

        int requests = server.Transport.Count("GET", "/v1/tasks");
        int served = b.Everything ? Math.Max(1, b.Initial) : b.ServedSize ?? b.AskedSize;
        bool all = b.Skip == 0 && b.First == ulong.MaxValue;
        if (all)
        {
            var missing = b.Initial == 0 ? new List<string>() : server.Initial.Except(listed).ToList();
            if (missing.Count > 0)
            {
                var said = warnings.Select(w => Counted.Match(w)).FirstOrDefault(m => m.Success);
                if (said is null) problems.Append($"{missing.Count} task(s) missing ({string.Join(",", missing.Take(5))}) and no warning says so; ");
                else if (b.Stable && Number(said, "counted") - Number(said, "listed") != missing.Count)
                    problems.Append($"{missing.Count} task(s) missing but the warning says otherwise: {said.Value}; ");
            }
            else if (b.Stable && warnings.Any(w => Counted.IsMatch(w)))
            {
                problems.Append($"nothing missing, yet a warning: {warnings.First(w => Counted.IsMatch(w))}; ");
            }
        }
        else if (b.Stable)
        {
            var expected = server.Initial.Skip((int)Math.Min((ulong)int.MaxValue, b.Skip)).Take((int)Math.Min((ulong)int.MaxValue, b.First)).ToList();
            if (!expected.SequenceEqual(listed))
                problems.Append($"-Skip {b.Skip} -First {b.First}: listed {listed.Count} ({string.Join(",", listed.Take(4))}…), expected {expected.Count} ({string.Join(",", expected.Take(4))}…); ");
        }
        else if ((ulong)listed.Count > b.First)
        {
            problems.Append($"-First {b.First} listed {listed.Count}; ");
        }

        // Never a request past what the output can use: on a list that does not change, the pages that hold the tasks
        // wanted and a page that proves the end where the server gives no count. On a list that changes, the pager's own
        // limit: the pages that hold the new tasks and the pages read again, at most three times the pages of the list
        // at its largest or two requests for each quarter page of its tasks, plus twice the window and 4.
        ulong wanted = all ? (ulong)b.Initial : Math.Min((ulong)b.Initial, b.Skip + b.First);
        int pages = (int)Math.Max(1, ((long)wanted + served - 1) / served);
        int largest = b.Initial + requests * b.GrowPerRequest;
        int quarter = Math.Max(1, served / 4);
        int bound = b.Stable ? pages + 2
            : Math.Max(3 * Math.Max(1, (largest + served - 1) / served), 2 * ((largest + quarter - 1) / quarter)) + 2 * b.ThrottleLimit + 4;
        if (requests > bound) problems.Append($"{requests} requests, more than the {bound} the output can use; ");

        return problems.Length == 0 ? null : problems.ToString() + (warnings.Count > 0 ? "warnings: " + string.Join(" | ", warnings) : "no warning");
    }

    private static int Number(Match m, string group) => int.Parse(m.Groups[group].Value.Replace(",", ""), CultureInfo.InvariantCulture);
}
