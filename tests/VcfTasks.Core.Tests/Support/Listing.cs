using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Core.Tests.Support;

/// <summary>Reads a listing as Get-VcfTask does, with -ThrottleLimit, -Skip and -First.</summary>
internal static class Listing
{
    public static async Task<List<string>> ReadAsync(VcfConnection connection, TaskQuery query, int throttleLimit, ulong skip, ulong first, CancellationToken ct,
        System.Action<IReadOnlyList<string>>? onPage = null)
    {
        var ids = new List<string>();
        using var pager = connection.Tasks.List(query, throttleLimit);
        pager.Skip = skip;
        pager.First = first;
        int pages = 0;
        while (!pager.Finished)
        {
            // A pager that never finishes is a failure of its own, not a hung test.
            if (++pages > 10_000) throw new System.InvalidOperationException("the listing did not end after 10,000 pages");
            var page = new List<string>();
            foreach (var task in await pager.NextPageAsync(ct)) page.Add(task.Id);
            ids.AddRange(page);
            onPage?.Invoke(page);
        }
        return ids;
    }
}
