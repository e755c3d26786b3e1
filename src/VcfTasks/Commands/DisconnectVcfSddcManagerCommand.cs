using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// Ends connections: revokes each one's refresh token and forgets it. Several (typed or piped) are ended side by
/// side: each is closed at once and its revocation runs while the next is taken; what each ended with is written in
/// the order given.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VcfSddcManager", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
public sealed class DisconnectVcfSddcManagerCommand : VcfCmdlet
{
    private readonly Queue<(VcfConnection Connection, Task Revoking)> _revoking = new();

    /// <summary>The connections (or server names, URLs, wildcards) to end; the default connection when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var lookup in ServerResolver.Resolve(Server, ServerMatch.Disconnect))
        {
            if (lookup.Closed is { } closed)
            {
                WriteVerbose($"{closed.Server} is already disconnected.");
                continue;
            }
            if (lookup.Error is not null)
            {
                // No default connection, with nothing named, stops the command; one unknown name among several gets
                // its own error, and the others are still disconnected.
                if (lookup.Given is null)
                {
                    throw Terminate(lookup.Error);
                }
                WriteError(lookup.Error);
                continue;
            }
            foreach (var connection in lookup.Connections)
            {
                Start(connection);
            }
        }
        WriteEnded(all: false);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var pending = _revoking.Select(r => r.Revoking).ToArray();
        if (pending.Length > 0)
        {
            // Every revocation is awaited here (failures are read below, one by one, in order).
            Run(async _ =>
            {
                try
                {
                    await Task.WhenAll(pending).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Read per connection in WriteEnded.
                }
                return true;
            });
        }
        WriteEnded(all: true);
        base.EndProcessing();
    }

    private void Start(VcfConnection connection)
    {
        if (!connection.IsConnected || !ShouldProcess(connection.Server, "Disconnect"))
        {
            return;
        }
        Task revoking = Task.CompletedTask;
        // Started inside Run, so the core's messages for the revocation are this cmdlet's; not awaited here. The
        // connection is closed from this moment (CloseAsync marks it before its first request), so it is forgotten
        // at once and the previous connection becomes the default, as before.
        Run(ct =>
        {
            revoking = connection.CloseAsync(ct);
            return Task.FromResult(true);
        });
        ConnectionRegistry.Current.Remove(connection);
        _revoking.Enqueue((connection, revoking));
    }

    // Writes what each ended with, in the order they were started: the finished ones at the head of the queue, or all.
    private void WriteEnded(bool all)
    {
        while (_revoking.Count > 0 && (all || _revoking.Peek().Revoking.IsCompleted))
        {
            var (connection, revoking) = _revoking.Dequeue();
            if (revoking.Exception?.InnerException is VcfException e)
            {
                // The connection is closed either way; say the revocation did not happen.
                WriteWarning($"Disconnected from {connection.Server}, but the refresh token was not revoked: {e.Message}");
            }
            else if (revoking.IsFaulted && revoking.Exception?.InnerException is not OperationCanceledException)
            {
                revoking.GetAwaiter().GetResult();
            }
            WriteVerbose($"Disconnected from {connection.Server}.");
        }
    }
}
