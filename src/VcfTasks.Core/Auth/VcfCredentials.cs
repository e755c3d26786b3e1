using System;
using System.Net;
using System.Security;

namespace VcfTasks;

/// <summary>How a connection authenticates: username and password, an API key, or an access token given as is.</summary>
public sealed class VcfCredentials
{
    private VcfCredentials(VcfAuthenticationMethod method, string? user, SecureString secret)
    {
        Method = method;
        UserName = user;
        Secret = secret;
    }

    /// <summary>Which kind of credential this is.</summary>
    public VcfAuthenticationMethod Method { get; }

    /// <summary>The user name, for username/password.</summary>
    public string? UserName { get; }

    internal SecureString Secret { get; }

    /// <summary>A username and password: tokens are created with them, and created again if the session cannot be renewed.</summary>
    public static VcfCredentials FromPassword(string userName, SecureString password) =>
        new(VcfAuthenticationMethod.Credential, userName ?? throw new ArgumentNullException(nameof(userName)), password);

    /// <summary>An API key: tokens are created with it.</summary>
    public static VcfCredentials FromApiKey(SecureString apiKey) => new(VcfAuthenticationMethod.ApiKey, null, apiKey);

    /// <summary>An access token used as given: it cannot be renewed, so the connection ends when it expires.</summary>
    public static VcfCredentials FromAccessToken(SecureString accessToken) => new(VcfAuthenticationMethod.AccessToken, null, accessToken);

    /// <summary>The environment variable with the user name for <see cref="FromEnvironment"/>.</summary>
    public const string UserNameVariable = "VCF_USERNAME";

    /// <summary>The environment variable with the password for <see cref="FromEnvironment"/>.</summary>
    public const string PasswordVariable = "VCF_PASSWORD";

    /// <summary>The environment variable with an API key for <see cref="FromEnvironment"/>.</summary>
    public const string ApiKeyVariable = "VCF_API_KEY";

    /// <summary>
    /// The credentials an unattended run gives through the environment: <c>VCF_USERNAME</c> and <c>VCF_PASSWORD</c>
    /// (both set and not empty) are a user name and password; else <c>VCF_API_KEY</c> is an API key; else null.
    /// <paramref name="read"/> reads a variable (by default the process environment); the values are copied into
    /// read-only secure strings and never logged.
    /// </summary>
    public static VcfCredentials? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var user = read(UserNameVariable);
        var password = read(PasswordVariable);
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password))
        {
            return FromPassword(user!, Secure(password!));
        }
        var apiKey = read(ApiKeyVariable);
        return string.IsNullOrEmpty(apiKey) ? null : FromApiKey(Secure(apiKey!));
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The secret as plain text, for the moment it is sent. Never logged or kept.</summary>
    internal string RevealSecret() => new NetworkCredential(string.Empty, Secret).Password;
}

/// <summary>How a connection authenticated.</summary>
public enum VcfAuthenticationMethod
{
    /// <summary>No authentication (a replayed fixture without tokens).</summary>
    None,
    /// <summary>Username and password.</summary>
    Credential,
    /// <summary>API key.</summary>
    ApiKey,
    /// <summary>An access token given as is.</summary>
    AccessToken,
}
