using System.Collections.Generic;
using System.Management.Automation;

namespace VcfTasks.Commands;

/// <summary>
/// Lists the open connections of this session, newest first: server, user, whether it is the default, how it
/// authenticates, how the certificate is checked, when the access token expires (never the token itself).
/// </summary>
[Cmdlet(VerbsCommon.Get, "VcfSddcManagerConnection", DefaultParameterSetName = AllSet)]
[OutputType(typeof(VcfConnection))]
public sealed class GetVcfSddcManagerConnectionCommand : VcfCmdlet
{
    private const string AllSet = "All";
    private const string DefaultSet = "Default";

    /// <summary>Only connections to these servers (names, host:port or connection ids; wildcards allowed).</summary>
    [Parameter(Position = 0, ParameterSetName = AllSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VcfTasks.Completers.ServerCompleter))]
    public string[]? Server { get; set; }

    /// <summary>Only the default connection (the one commands use without -Server).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
    public SwitchParameter Default { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var registry = ConnectionRegistry.Current;
        if (Default)
        {
            // No default is not an error here: the answer is "none", as for a session with no connections.
            if (registry.Default is { IsConnected: true } d) WriteObject(d);
            return;
        }
        // What a name matches is ServerResolver's rule, the one every -Server follows; here every match is listed,
        // a plain name that matches nothing is VcfNotConnected and a wildcard that matches nothing is no error.
        var written = new HashSet<VcfConnection>();
        foreach (var lookup in ServerResolver.Resolve(Server, ServerMatch.Connections))
        {
            if (lookup.Error is not null)
            {
                WriteError(lookup.Error);
            }
            foreach (var c in lookup.Connections)
            {
                if (written.Add(c))
                {
                    WriteObject(c);
                }
            }
        }
    }
}
