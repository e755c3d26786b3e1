using System;
using System.Collections.Generic;
using System.Linq;
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
        var open = registry.NewestFirst();
        if (Server is null)
        {
            foreach (var c in open) WriteObject(c);
            return;
        }
        var written = new HashSet<VcfConnection>();
        foreach (var name in Server)
        {
            List<VcfConnection> matches;
            try
            {
                // A URL as a connection writes it (https://host:port/) names that connection, as it does for -Server elsewhere.
                var pattern = new WildcardPattern(name.TrimEnd('/'), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                matches = open.Where(c => pattern.IsMatch(c.Server) || pattern.IsMatch(c.BaseUri.Host) || pattern.IsMatch(c.Id) ||
                                          pattern.IsMatch(c.BaseUri.GetLeftPart(UriPartial.Authority))).ToList();
            }
            catch (WildcardPatternException e)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-Server '{name}' is not a valid wildcard pattern: {e.Message}", nameof(Server), e),
                    "VcfInvalidNamePattern", ErrorCategory.InvalidArgument, name));
                continue;
            }
            // A plain name that matches nothing is an error for that name (a wildcard that matches nothing is not).
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name)) WriteError(ErrorRecords.NotConnected(name));
            foreach (var c in matches)
                if (written.Add(c)) WriteObject(c);
        }
    }
}
