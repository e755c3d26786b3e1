using System.Security.Cryptography;

namespace VcfTasks.Simulator.Auth;

/// <summary>The secrets of one simulator start: login, API key and the key of the control API.</summary>
internal sealed record Credentials(string Username, string Password, string ApiKey, string ControlKey)
{
    public const string DefaultUsername = "administrator@vsphere.local";

    public static Credentials Create(string? username, string? password) => new(
        username ?? DefaultUsername,
        password ?? Secret(18),
        Secret(24),
        Secret(24));

    /// <summary>Constant-time comparison, so the simulator does not teach timing attacks by example.</summary>
    public static bool Same(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    // URL-safe so the values can be pasted into shells and headers without quoting.
    private static string Secret(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
