using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace VcfTasks.Core.Http;

/// <summary>Method, path and query of a request as one comparable text, with the query pairs sorted.</summary>
internal static class RequestKey
{
    public static string Of(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without an address.");
        return Of(request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath), ParseQuery(uri.Query));
    }

    public static string Of(string method, string path, IEnumerable<KeyValuePair<string, string>>? query)
    {
        var sb = new StringBuilder(method.ToUpperInvariant()).Append(' ').Append(path);
        if (query is not null)
        {
            char sep = '?';
            foreach (var pair in query.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            {
                sb.Append(sep).Append(pair.Key).Append('=').Append(pair.Value);
                sep = '&';
            }
        }
        return sb.ToString();
    }

    public static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query)) return pairs;
        foreach (var part in query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part.Substring(0, eq);
            string value = eq < 0 ? string.Empty : part.Substring(eq + 1);
            pairs.Add(new KeyValuePair<string, string>(Unescape(key), Unescape(value)));
        }
        return pairs;
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
