using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Tests.Support;

/// <summary>
/// Fake networks on which requests hang until their call is cancelled (by a time limit or the caller's token),
/// telling the test when the first hanging request has arrived, so that it can cancel after that, not by a timer.
/// </summary>
internal static class Hang
{
    /// <summary>Waits until <paramref name="ct"/> is cancelled and throws as a cancelled send does; never answers.</summary>
    public static async Task<HttpResponseMessage> UntilCancelled(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable: an infinite delay ends only by cancellation");
    }

    /// <summary>
    /// Requests for which <paramref name="hangs"/> is true hang until cancelled; the others get <paramref name="answer"/>
    /// (a response, or what it throws). <paramref name="arrived"/> completes when the first hanging request has
    /// reached the transport (it is recorded by then).
    /// </summary>
    public static FakeTransport When(Func<SeenRequest, bool> hangs, Func<SeenRequest, HttpResponseMessage> answer, out Task arrived)
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived = first.Task;
        return new FakeTransport(async (r, ct) =>
        {
            if (!hangs(r)) return answer(r);
            first.TrySetResult();
            return await UntilCancelled(ct);
        });
    }

    /// <summary>Every request hangs until cancelled.</summary>
    public static FakeTransport Always(out Task arrived) =>
        When(_ => true, _ => throw new InvalidOperationException("unreachable: every request hangs"), out arrived);

    /// <summary>The first request gets <paramref name="first"/> (an answer, or what it throws); every later one hangs until cancelled.</summary>
    public static FakeTransport AfterFirst(Func<HttpResponseMessage> first, out Task arrived)
    {
        int n = 0;
        return When(_ => Interlocked.Increment(ref n) > 1, _ => first(), out arrived);
    }
}
