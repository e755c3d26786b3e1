using System.Linq;
using VcfTasks.Core.Http;
using Xunit;

namespace VcfTasks.Core.Tests;

public class RedactorTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl";

    [Theory]
    [InlineData("token " + Jwt + " expired", "token [REDACTED] expired", Jwt)]
    [InlineData("Authorization: Bearer abc.def-123", "Authorization: Bearer [REDACTED]", "abc.def-123")]
    [InlineData("authorization: bearer    opaque", "authorization: bearer    [REDACTED]", "opaque")]
    [InlineData("\"Bearer xyz\"", "\"Bearer [REDACTED]\"", "xyz")]
    [InlineData("{\"accessToken\":\"a1\"}", "{\"accessToken\":\"[REDACTED]\"}", "a1")]
    [InlineData("{\"refreshToken\":{\"id\":\"r1\"}}", "{\"refreshToken\":\"[REDACTED]\"}", "r1")]
    [InlineData("{\"refreshToken\" : \"r2\"}", "{\"refreshToken\" : \"[REDACTED]\"}", "r2")]
    [InlineData("{\"username\":\"admin\",\"password\":\"p\\\"w\"}", "{\"username\":\"admin\",\"password\":\"[REDACTED]\"}", "p\\\"w")]
    [InlineData("{\"PASSWORD\":\"pw\"}", "{\"PASSWORD\":\"[REDACTED]\"}", "pw")]
    [InlineData("{\"apiKey\":\"k1\",\"x\":1}", "{\"apiKey\":\"[REDACTED]\",\"x\":1}", "k1")]
    [InlineData("{\"api_key\":\"k2\"}", "{\"api_key\":\"[REDACTED]\"}", "k2")]
    [InlineData("{\"newPassword\":\"n1\",\"oldPassword\":\"o1\"}", "{\"newPassword\":\"[REDACTED]\",\"oldPassword\":\"[REDACTED]\"}", "n1")]
    public void Secrets_are_masked(string text, string expected, string secret)
    {
        var redacted = Redactor.Redact(text);
        Assert.Equal(expected, redacted);
        Assert.DoesNotContain(secret, redacted);
    }

    [Theory]
    [InlineData("Task 389c2fb6-3cea-47d7-b830-e701f4cf9aed failed")]
    [InlineData("{\"errorCode\":\"TA_TASK_NOT_FOUND\",\"referenceToken\":\"4QX9ZK\"}")]
    [InlineData("")]
    public void Text_without_secrets_is_unchanged(string text) => Assert.Equal(text, Redactor.Redact(text));

    [Fact]
    public void Snippet_redacts_folds_whitespace_and_trims()
    {
        Assert.Equal("a b c [REDACTED]", Redactor.Snippet("  a \r\n\t b    c\n" + Jwt + "  \n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Snippet_of_nothing_is_empty(string? text) => Assert.Equal(string.Empty, Redactor.Snippet(text));

    [Fact]
    public void Snippet_cuts_to_the_length_with_an_ellipsis()
    {
        var snippet = Redactor.Snippet(new string('x', 1000));
        Assert.Equal(201, snippet.Length);
        Assert.EndsWith("…", snippet);
        Assert.Equal(new string('x', 20) + "…", Redactor.Snippet(new string('x', 21), 20));
        Assert.Equal(new string('x', 20), Redactor.Snippet(new string('x', 20), 20));
    }

    [Fact]
    public void Snippet_redacts_before_cutting_so_a_cut_token_does_not_leak()
    {
        // The JWT straddles the 200-character cut. Cut first, its first 9 characters ("eyJhbGciO") would be
        // kept and no longer look like a JWT (no dots), so the redaction after the cut would miss them.
        var snippet = Redactor.Snippet(new string('a', 190) + " " + Jwt);
        Assert.DoesNotContain("eyJ", snippet);
        Assert.Equal(new string('a', 190) + " " + "[REDACTED]".Substring(0, 9) + "…", snippet);
    }

    [Fact]
    public void Snippet_of_long_whitespace_runs_counts_folded_characters()
    {
        var text = string.Join("      ", Enumerable.Repeat("w", 150));
        var snippet = Redactor.Snippet(text);
        Assert.Equal(201, snippet.Length);
        Assert.DoesNotContain("  ", snippet);
    }
}
