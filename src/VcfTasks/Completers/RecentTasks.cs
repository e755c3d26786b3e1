using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace VcfTasks.Completers;

/// <summary>
/// The recent tasks of a connection, for -Id completion: the first page of <c>GET /v1/tasks</c>, read through the
/// core, newest first, kept for <see cref="Lifetime"/>. A Tab press never sends more than that one request, and
/// presses in quick succession send none.
/// </summary>
internal static class RecentTasks
{
    /// <summary>How long a list is used before it is read again.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>How many tasks one completion lists.</summary>
    internal const int Count = 50;

    // A completion must not hang the prompt: a slow server gives no ids rather than a frozen console.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static readonly ConditionalWeakTable<VcfConnection, Entry> Cache = new();

    private sealed class Entry
    {
        public DateTime ReadAt;
        public IReadOnlyList<VcfTask> Tasks = Array.Empty<VcfTask>();
    }

    /// <summary>The recent tasks of <paramref name="connection"/>: cached, or read with one request.</summary>
    public static IReadOnlyList<VcfTask> Of(VcfConnection connection)
    {
        var entry = Cache.GetOrCreateValue(connection);
        lock (entry)
        {
            var now = DateTime.UtcNow;
            if (entry.ReadAt != default && now - entry.ReadAt < Lifetime) return entry.Tasks;
            // Stamped before the request, so a server that fails is not asked again at every Tab press either.
            entry.ReadAt = now;
            try
            {
                using var cts = new CancellationTokenSource(Budget);
                var page = connection.Tasks.List(new TaskQuery { PageSize = Count }).NextPageAsync(cts.Token).GetAwaiter().GetResult();
                entry.Tasks = page.OrderByDescending(t => t.CreationTimestamp ?? DateTimeOffset.MinValue).ToArray();
            }
            catch (Exception)
            {
                // Completion offers what it can; a failure here (server down, token expired) is the next command's
                // to report, with its error id.
                entry.Tasks = Array.Empty<VcfTask>();
            }
            return entry.Tasks;
        }
    }
}
