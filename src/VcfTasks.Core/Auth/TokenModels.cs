using System.Text.Json.Serialization;

namespace VcfTasks.Core.Auth;

/// <summary><c>TokenCreationSpec</c>: username and password, or an API key.</summary>
internal sealed class TokenCreationSpec
{
    [JsonPropertyName("username")] public string? Username { get; set; }
    [JsonPropertyName("password")] public string? Password { get; set; }
    [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }
}

/// <summary><c>TokenPair</c>.</summary>
internal sealed class TokenPair
{
    [JsonPropertyName("accessToken")] public string? AccessToken { get; set; }
    [JsonPropertyName("refreshToken")] public RefreshTokenRef? RefreshToken { get; set; }
}

/// <summary><c>RefreshToken</c>.</summary>
internal sealed class RefreshTokenRef
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}
