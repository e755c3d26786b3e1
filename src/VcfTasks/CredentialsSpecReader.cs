using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using VcfTasks.Core.Credentials;

namespace VcfTasks;

/// <summary>
/// Reads -CredentialsSpec (a hashtable, or any object such as ConvertFrom-Json's, shaped like the API's
/// CredentialsUpdateSpec) into the core's spec, checking its shape: known keys only, the right kinds, and the
/// rules of <see cref="CredentialsUpdateSpec.Problems"/>. A password may be text or a SecureString; it is kept as a
/// SecureString and never put in a message.
/// </summary>
internal static class CredentialsSpecReader
{
    private static readonly string[] SpecKeys = { "operationType", "elements", "autoRotatePolicy" };
    private static readonly string[] ElementKeys = { "resourceName", "resourceId", "resourceType", "credentials" };
    private static readonly string[] CredentialKeys = { "credentialType", "accountType", "username", "password" };
    private static readonly string[] PolicyKeys = { "enableAutoRotatePolicy", "frequencyInDays" };

    /// <summary>The spec, or the list of what is wrong with it (each "where: what").</summary>
    public static CredentialsUpdateSpec Read(object input, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var spec = Fields(input, "the spec", SpecKeys, found);
        var operation = Text(spec, "operationType", "operationType", found)?.ToUpperInvariant() ?? string.Empty;
        var elements = new List<CredentialsSpecElement>();
        var i = 0;
        foreach (var item in Items(spec, "elements", "elements", found))
        {
            var where = $"elements[{i++}]";
            var e = Fields(item, where, ElementKeys, found);
            var credentials = new List<CredentialsSpecCredential>();
            var j = 0;
            foreach (var c in Items(e, "credentials", where + ".credentials", found))
            {
                var at = $"{where}.credentials[{j++}]";
                var fields = Fields(c, at, CredentialKeys, found);
                credentials.Add(new CredentialsSpecCredential(
                    Text(fields, "credentialType", at, found), Text(fields, "accountType", at, found), Text(fields, "username", at, found),
                    Password(fields, at, found)));
            }
            elements.Add(new CredentialsSpecElement(Text(e, "resourceName", where, found), Text(e, "resourceId", where, found),
                Text(e, "resourceType", where, found), credentials));
        }
        var result = new CredentialsUpdateSpec(operation, elements);
        if (Get(spec, "autoRotatePolicy") is { } policyValue)
        {
            var policy = Fields(policyValue, "autoRotatePolicy", PolicyKeys, found);
            if (Get(policy, "enableAutoRotatePolicy") is { } enable)
            {
                result.EnableAutoRotatePolicy = LanguagePrimitives.IsTrue(enable);
            }
            else
            {
                found.Add("autoRotatePolicy.enableAutoRotatePolicy: missing");
            }
            if (Get(policy, "frequencyInDays") is { } days)
            {
                if (LanguagePrimitives.TryConvertTo<int>(days, out var n))
                {
                    result.FrequencyInDays = n;
                }
                else
                {
                    found.Add("autoRotatePolicy.frequencyInDays: not a whole number");
                }
            }
        }
        found.AddRange(result.Problems());
        problems = found;
        return result;
    }

    // The keys and values of a hashtable or of an object's properties; unknown keys are reported (a typo would
    // otherwise be dropped silently and the server would get less than the user meant).
    private static Dictionary<string, object?> Fields(object? value, string where, string[] known, List<string> problems)
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        value = value is PSObject p && p.BaseObject is not PSCustomObject ? p.BaseObject : value;
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                fields[entry.Key?.ToString() ?? string.Empty] = entry.Value;
            }
        }
        else if (value is not null && value is not string && value is not IEnumerable)
        {
            foreach (var property in PSObject.AsPSObject(value).Properties)
            {
                fields[property.Name] = property.Value;
            }
        }
        else
        {
            problems.Add($"{where}: not a hashtable or object");
            return fields;
        }
        foreach (var key in fields.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{where}: unknown key '{key}' (known: {string.Join(", ", known)})");
        }
        return fields;
    }

    private static object? Get(Dictionary<string, object?> fields, string key) =>
        fields.TryGetValue(key, out var value) ? (value is PSObject p ? p.BaseObject : value) : null;

    private static string? Text(Dictionary<string, object?> fields, string key, string where, List<string> problems)
    {
        var value = Get(fields, key);
        if (value is null)
        {
            return null;
        }
        if (value is string s)
        {
            return s;
        }
        if (value.GetType().IsPrimitive || value is Enum)
        {
            return value.ToString();
        }
        problems.Add($"{where}.{key}: not text");
        return null;
    }

    private static IEnumerable<object?> Items(Dictionary<string, object?> fields, string key, string where, List<string> problems)
    {
        var value = Get(fields, key);
        if (value is null)
        {
            return Array.Empty<object?>();
        }
        if (value is IEnumerable list && value is not string && value is not IDictionary)
        {
            return list.Cast<object?>().ToList();
        }
        return new[] { value }; // one element given without @( ): PowerShell users expect it to count as one
    }

    private static SecureString? Password(Dictionary<string, object?> fields, string where, List<string> problems)
    {
        switch (Get(fields, "password"))
        {
            case null: return null;
            case SecureString secure: return secure.Copy();
            case string text: return new NetworkCredential(string.Empty, text).SecurePassword;
            default:
                problems.Add($"{where}.password: neither text nor a SecureString");
                return null;
        }
    }
}
