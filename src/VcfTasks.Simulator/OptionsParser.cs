using System.Globalization;

namespace VcfTasks.Simulator;

/// <summary>Thrown for a command line the simulator cannot understand; Program turns it into exit code 2.</summary>
public sealed class OptionsException(string message) : Exception(message);

/// <summary>Turns the command line into <see cref="SimulatorOptions"/>.</summary>
public static class OptionsParser
{
    /// <summary>Parses <paramref name="args"/>; throws <see cref="OptionsException"/> on an unknown option or a bad value.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--port": o.Port = Int(name, Value(args, ref i), 0, 65535); break;
                case "--tasks": o.TaskCount = Int(name, Value(args, ref i), 0, 1_000_000); break;
                case "--seed": o.Seed = Int(name, Value(args, ref i), int.MinValue, int.MaxValue); break;
                case "--fixture": o.FixturePath = Value(args, ref i); break;
                case "--no-seed-tasks": o.IncludeSeedTasks = false; break;
                case "--step-ms": o.StepMs = Int(name, Value(args, ref i), 1, int.MaxValue); break;
                case "--token-lifetime-seconds": o.TokenLifetimeSeconds = Int(name, Value(args, ref i), 1, int.MaxValue); break;
                case "--latency-ms": o.LatencyMs = Int(name, Value(args, ref i), 0, int.MaxValue); break;
                case "--retry-failure-percent": o.RetryFailurePercent = Int(name, Value(args, ref i), 0, 100); break;
                case "--username": o.Username = Value(args, ref i); break;
                case "--password": o.Password = Value(args, ref i); break;
                case "--anchor": o.Anchor = Anchor(Value(args, ref i)); break;
                case "--api": o.Api = Api(Value(args, ref i)); break;
                case "--quirks": o.Quirks = true; break;
                case "--junk-elements": o.JunkElements = true; break;
                case "--page-base": o.PageBase = Int(name, Value(args, ref i), 0, 1); break;
                case "--page-size-served": o.PageSizeServed = Int(name, Value(args, ref i), 1, 1_000_000); break;
                case "--page-size-cap": o.PageSizeCap = Int(name, Value(args, ref i), 1, 1_000_000); break;
                case "--page-metadata": o.PageMetadata = OneOf(name, Value(args, ref i), Tasks.PagingRules.MetadataModes.Keys); break;
                case "--grow-per-page": o.GrowPerPage = Int(name, Value(args, ref i), 0, 10_000); break;
                case "--grow-at": o.GrowAt = OneOf(name, Value(args, ref i), Tasks.PagingRules.GrowthPlaces.Keys); break;
                case "--out-of-order": o.OutOfOrderMs = Int(name, Value(args, ref i), 1, 60_000); break;
                case "--servers": o.Servers = Int(name, Value(args, ref i), 1, MaxServers); break;
                default: throw new OptionsException($"Unknown option '{name}'.");
            }
        }

        // Values that are each fine but cannot go together (a fixed and a capped size; paging options under 4.5).
        if (Tasks.PagingRules.Problem(o) is { } problem)
        {
            throw new OptionsException(problem);
        }

        return o;
    }

    /// <summary>The usage text printed with a parse error.</summary>
    public const string Usage =
        "usage: VcfTasks.Simulator [--port N] [--tasks N] [--seed S] [--fixture FILE] [--no-seed-tasks] " +
        "[--step-ms N] [--token-lifetime-seconds N] [--latency-ms N] [--retry-failure-percent N] " +
        "[--username U] [--password P] [--anchor ISO-8601] [--api 4.5|5.2|9.0] [--quirks] [--junk-elements] " +
        "[--page-base 0|1] [--page-size-served N | --page-size-cap N] " +
        "[--page-metadata full|no-total-pages|no-total-elements|none|contradict] " +
        "[--grow-per-page N] [--grow-at front|end] [--out-of-order MS] [--servers N]";

    /// <summary>The most SDDC Managers one process serves (<c>--servers</c>).</summary>
    public const int MaxServers = 64;

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new OptionsException($"Option '{args[i]}' needs a value.");
        }

        return args[++i];
    }

    private static int Int(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            throw new OptionsException($"Option '{name}' needs an integer from {min} to {max}, not '{value}'.");
        }

        return n;
    }

    private static string OneOf(string name, string value, IEnumerable<string> allowed) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new OptionsException($"Option '{name}' needs one of {string.Join(", ", allowed)}, not '{value}'.");

    private static string Api(string value) =>
        Wire.ApiProfile.Find(value)?.Version
        ?? throw new OptionsException($"Option '--api' needs one of {string.Join(", ", Wire.ApiProfile.All)}, not '{value}'.");

    private static DateTimeOffset Anchor(string value)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            throw new OptionsException($"Option '--anchor' needs an ISO-8601 time, not '{value}'.");
        }

        return t.ToUniversalTime();
    }
}
