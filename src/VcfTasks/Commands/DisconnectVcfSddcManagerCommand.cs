using System.Management.Automation;
using VcfTasks.Completers;

namespace VcfTasks.Commands;

/// <summary>
/// Ends a connection: revokes its refresh token and forgets it.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VcfSddcManager", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
public sealed class DisconnectVcfSddcManagerCommand : VcfCmdlet
{
    /// <summary>The connections (or server names) to end; the default connection when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var item in Server ?? new object?[] { null })
        {
            VcfConnection connection;
            switch (item is PSObject p ? p.BaseObject : item)
            {
                case VcfConnection { IsConnected: false } closed:
                    WriteVerbose($"{closed.Server} is already disconnected.");
                    continue;
                case VcfConnection open:
                    connection = open;
                    break;
                case null:
                    connection = ResolveConnection(null);
                    break;
                case var value:
                    var name = value.ToString() ?? string.Empty;
                    if (ConnectionRegistry.Current.Find(name) is not { IsConnected: true } found)
                    {
                        // One unknown name among several: its own error, and the others are still disconnected.
                        WriteError(ErrorRecords.NotConnected(name));
                        continue;
                    }
                    connection = found;
                    break;
            }
            if (!ShouldProcess(connection.Server, "Disconnect")) continue;
            try
            {
                Run(ct => connection.CloseAsync(ct));
            }
            catch (VcfException e)
            {
                // The connection is closed either way; say the revocation did not happen.
                WriteWarning($"Disconnected from {connection.Server}, but the refresh token was not revoked: {e.Message}");
            }
            finally
            {
                ConnectionRegistry.Current.Remove(connection);
            }
            WriteVerbose($"Disconnected from {connection.Server}.");
        }
    }
}
