using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VcfTasks.Simulator.Auth;

/// <summary>Why a bearer token was refused; the 401 message says which.</summary>
internal enum TokenCheck
{
    Valid,
    Malformed,
    BadSignature,
    Expired,
    Revoked,
}

/// <summary>
/// Issues and checks tokens the way SDDC Manager does: HS256 JWT access tokens with sub/iat/exp/jti,
/// and opaque refresh-token ids that mint new access tokens until revoked. The signing key is
/// random per start, so tokens from an earlier run are rejected like any forgery.
/// </summary>
internal sealed class TokenService(TimeSpan lifetime, TimeProvider clock)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly object _gate = new();

    // jti -> what the simulator knows of each access token it issued.
    private readonly Dictionary<string, (string RefreshId, bool ForcedExpired)> _access = [];

    // refresh id -> subject; removed when revoked.
    private readonly Dictionary<string, string> _refresh = [];

    /// <summary>A new access token and refresh id for <paramref name="subject"/>.</summary>
    public (string AccessToken, string RefreshId) Create(string subject)
    {
        var refreshId = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _refresh[refreshId] = subject;
            return (IssueLocked(subject, refreshId), refreshId);
        }
    }

    /// <summary>A new access token from a refresh id, or null when the id is unknown or revoked.</summary>
    public string? Refresh(string refreshId)
    {
        lock (_gate)
        {
            return _refresh.TryGetValue(refreshId, out var subject) ? IssueLocked(subject, refreshId) : null;
        }
    }

    /// <summary>Revokes a refresh id and so every access token issued from it; false when it was not known.</summary>
    public bool Revoke(string refreshId)
    {
        lock (_gate)
        {
            return _refresh.Remove(refreshId);
        }
    }

    /// <summary>Revokes every refresh id (control API: "refresh token rejected").</summary>
    public void RevokeAllRefresh()
    {
        lock (_gate)
        {
            _refresh.Clear();
        }
    }

    /// <summary>Makes every access token issued so far count as expired (control API and the expireTokens fault).</summary>
    public void ExpireAllAccess()
    {
        lock (_gate)
        {
            foreach (var jti in _access.Keys.ToList())
            {
                _access[jti] = _access[jti] with { ForcedExpired = true };
            }
        }
    }

    /// <summary>Checks signature, expiry and revocation of a bearer token.</summary>
    public TokenCheck Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return TokenCheck.Malformed;
        }

        var expected = Sign(parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return TokenCheck.BadSignature;
        }

        long exp;
        string jti;
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            exp = payload.RootElement.GetProperty("exp").GetInt64();
            jti = payload.RootElement.GetProperty("jti").GetString() ?? "";
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TokenCheck.Malformed;
        }

        lock (_gate)
        {
            if (!_access.TryGetValue(jti, out var info) || !_refresh.ContainsKey(info.RefreshId))
            {
                return TokenCheck.Revoked;
            }

            if (info.ForcedExpired || exp <= clock.GetUtcNow().ToUnixTimeSeconds())
            {
                return TokenCheck.Expired;
            }
        }

        return TokenCheck.Valid;
    }

    private string IssueLocked(string subject, string refreshId)
    {
        var iat = clock.GetUtcNow().ToUnixTimeSeconds();
        var jti = Guid.NewGuid().ToString();
        var header = Encode(new { alg = "HS256", typ = "JWT" });
        var payload = Encode(new { sub = subject, iat, exp = iat + (long)lifetime.TotalSeconds, jti });
        _access[jti] = (refreshId, false);
        return header + "." + payload + "." + Sign(header + "." + payload);
    }

    private static string Encode<T>(T value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    private string Sign(string input) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(input)));
}
