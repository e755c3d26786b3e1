using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using VcfTasks.Core.Model;
using Xunit;

namespace VcfTasks.Core.Tests;

/// <summary>The window of pages in flight on its own, where the pager's timing cannot hide a race.</summary>
public class PageWindowTests
{
    // Get-VcfTask -Server a,b ends early (Select-Object -First, an error): the pipeline thread disposes each pager
    // while a page request it just cancelled ends on a pool thread, where the pager disposes it too. Both must leave
    // the window whole: no exception, and every request it held is cancelled.
    [Fact]
    public void Two_threads_disposing_at_once_neither_throws_and_every_held_request_is_cancelled()
    {
        const int Rounds = 3000;
        const int Width = 16;
        int failures = 0;
        string? firstFailure = null;
        for (int round = 0; round < Rounds; round++)
        {
            var tokens = new List<CancellationToken>();
            var window = new PageWindow((_, ct) =>
            {
                tokens.Add(ct);
                return new TaskCompletionSource<PageOfTask>().Task; // never answers: stays held
            }, Width);
            window.Fill(Width, _ => true);

            using var start = new Barrier(2);
            Exception? error = null;
            void Dispose()
            {
                start.SignalAndWait();
                try { window.Dispose(); }
                catch (Exception e) { Interlocked.CompareExchange(ref error, e, null); }
            }
            var other = new Thread(Dispose);
            other.Start();
            Dispose();
            other.Join();

            if (error is not null || !tokens.TrueForAll(t => t.IsCancellationRequested))
            {
                failures++;
                firstFailure ??= error?.ToString() ?? "a held request was not cancelled";
            }
        }
        Assert.True(failures == 0, $"{failures} of {Rounds} rounds broke the window; first: {firstFailure}");
    }
}
