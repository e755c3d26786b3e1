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
                case "--servers": o.Servers = Int(name, Value(args, ref i), 1, MaxServers); break;
                default: throw new OptionsException($"Unknown option '{name}'.");
            }
        }

        return o;
    }

    /// <summary>The usage text printed with a parse error.</summary>
    public const string Usage =
        "usage: VcfTasks.Simulator [--port N] [--tasks N] [--seed S] [--fixture FILE] [--no-seed-tasks] " +
        "[--step-ms N] [--token-lifetime-seconds N] [--latency-ms N] [--retry-failure-percent N] " +
        "[--username U] [--password P] [--anchor ISO-8601] [--api 4.5|5.2|9.0] [--quirks] [--junk-elements] [--servers N]";

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
