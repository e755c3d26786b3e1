using System;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace VcfTasks.Commands;

/// <summary>
/// The credentials of Connect-VcfSddcManager when none is given as a parameter: the environment's (VCF_USERNAME and
/// VCF_PASSWORD, or VCF_API_KEY), else a prompt, else VcfCredentialRequired. A run under <c>pwsh -NonInteractive</c>
/// (a scheduler's) is never prompted: it is told at once what to set.
/// </summary>
internal static class ConnectCredentials
{
    /// <summary>The credentials to connect with, or a terminating VcfCredentialRequired through <paramref name="cmdlet"/>.</summary>
    public static VcfCredentials Find(PSCmdlet cmdlet, string[] servers)
    {
        if (VcfCredentials.FromEnvironment() is { } found)
        {
            var which = found.Method == VcfAuthenticationMethod.Credential
                ? $"{VcfCredentials.UserNameVariable} ({found.UserName}) and {VcfCredentials.PasswordVariable}"
                : VcfCredentials.ApiKeyVariable;
            cmdlet.WriteVerbose($"No credential parameter: using {which} from the environment.");
            return found;
        }
        var user = Environment.GetEnvironmentVariable(VcfCredentials.UserNameVariable) ?? string.Empty;
        if (IsNonInteractive(cmdlet))
        {
            throw Required(cmdlet, servers, "PowerShell runs non-interactively (-NonInteractive), so there is no prompt.");
        }
        PSCredential? asked;
        try
        {
            asked = cmdlet.Host.UI.PromptForCredential("Connect-VcfSddcManager",
                $"User name and password for SDDC Manager {string.Join(", ", servers)}", user, string.Empty);
        }
        catch (Exception e) when (e is PSInvalidOperationException or HostException or NotImplementedException or PSNotImplementedException)
        {
            // A host that cannot ask (a runspace without a console, a service).
            throw Required(cmdlet, servers, "This PowerShell host cannot prompt for one.");
        }
        if (asked is null || string.IsNullOrEmpty(asked.UserName))
        {
            throw Required(cmdlet, servers, "None was entered at the prompt.");
        }
        return VcfCredentials.FromPassword(asked.UserName.TrimStart('\\'), asked.Password);
    }

    // pwsh -NonInteractive (or any abbreviation down to -noni) before the script or command it runs; a host with no
    // user interface at all cannot ask either.
    private static bool IsNonInteractive(PSCmdlet cmdlet)
    {
        if (cmdlet.Host?.UI is null)
        {
            return true;
        }
        var args = Environment.GetCommandLineArgs();
        for (int i = 1; i < args.Length; i++)
        {
            var key = args[i].TrimStart('-', '/').ToLowerInvariant();
            if (args[i].Length == key.Length)
            {
                continue;
            }
            if (key is "file" or "f" or "command" or "c")
            {
                break;
            }
            if (key.Length >= 4 && "noninteractive".StartsWith(key, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static Exception Required(PSCmdlet cmdlet, string[] servers, string why)
    {
        var target = servers.Length == 1 ? (object)servers[0] : servers;
        var message = $"No credential to connect to {string.Join(", ", servers)} with. {why}";
        var record = new ErrorRecord(new PSArgumentException(message, "Credential"), "VcfCredentialRequired", ErrorCategory.AuthenticationError, target)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = $"Pass -Credential, -ApiKey or -AccessToken, or set {VcfCredentials.UserNameVariable} and {VcfCredentials.PasswordVariable} (or {VcfCredentials.ApiKeyVariable}) in the environment of the run.",
            },
        };
        cmdlet.ThrowTerminatingError(record);
        return new InvalidOperationException("unreachable");
    }
}
