using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace VcfTasks.Commands;

/// <summary>
/// The one listing path of Get-VcfTask, for one server or several (<c>Get-VcfTask -Server a,b</c>): each server has
/// its own pager (with up to -ThrottleLimit page requests of its own in flight, and -Skip and -First), all servers'
/// requests run at once, and each page is written on the pipeline thread as it arrives, in page order for its
/// server. -IncludeTotalCount applies to each server's listing. A server whose page fails gets its own error (the
/// server as target) and the others go on; with <c>stopOnFailure</c> (a single server: the listing is the whole
/// command) the failure is terminating.
/// </summary>
internal static class ServerListings
{
    private sealed class Listing
    {
        public Listing(VcfConnection connection, TaskQuery query, ulong skip, ulong first, int throttleLimit)
        {
            Connection = connection;
            Query = query;
            Pager = connection.Tasks.List(query, throttleLimit);
            // The pager passes over -Skip and stops at -First, and requests no page ahead that only tasks past them could fill.
            Pager.Skip = skip;
            Pager.First = first;
        }

        public VcfConnection Connection { get; }
        public TaskQuery Query { get; }
        public TaskPager Pager { get; }
        public ulong Written { get; set; }
        public bool TotalWritten { get; set; }
    }

    public static void Write(VcfCmdlet cmdlet, IReadOnlyList<VcfConnection> connections, Func<TaskQuery> newQuery, int throttleLimit, bool stopOnFailure)
    {
        var paging = cmdlet.PagingParameters;
        var inFlight = new Dictionary<Task<IReadOnlyList<VcfTask>>, Listing>();
        var listings = new List<Listing>();
        // Pages still in flight when the command ends early (Select-Object -First, an error) are cancelled.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StopToken);
        // Started inside Run, so the core's messages for the request are written by this cmdlet.
        void Next(Listing listing) => cmdlet.Run(_ =>
        {
            inFlight.Add(listing.Pager.NextPageAsync(abandon.Token), listing);
            return Task.FromResult(true);
        });
        try
        {
            if (paging.First > 0)
            {
                foreach (var connection in connections)
                {
                    var listing = new Listing(connection, newQuery(), paging.Skip, paging.First, throttleLimit);
                    listings.Add(listing);
                    Next(listing);
                }
            }

            while (inFlight.Count > 0)
            {
                var done = cmdlet.Run(_ => Task.WhenAny(inFlight.Keys));
                var listing = inFlight[done];
                inFlight.Remove(done);
                IReadOnlyList<VcfTask> page;
                try
                {
                    page = done.GetAwaiter().GetResult();
                }
                catch (VcfException e)
                {
                    // A single server's listing is the whole command; of several, one server's listing ends and the others' go on.
                    if (stopOnFailure) cmdlet.ThrowTerminatingError(ErrorRecords.From(e, listing.Connection.Server));
                    cmdlet.WriteError(ErrorRecords.From(e, listing.Connection.Server));
                    continue;
                }
                catch (OperationCanceledException e) when (cmdlet.Stopped(e) is { } stop)
                {
                    throw stop;
                }
                WritePage(cmdlet, listing, page);
                if (!listing.Pager.Finished) Next(listing);
                else cmdlet.WriteVerbose($"{listing.Written} task(s) from {listing.Pager.PagesFetched} request(s) to {listing.Connection.Server}.");
            }
        }
        finally
        {
            abandon.Cancel();
            // A listing that met -First, or failed, may still have pages requested ahead: cancel them.
            foreach (var listing in listings) listing.Pager.Dispose();
            // Reads left behind end cancelled or failed with nobody waiting: observe them, so their exceptions are not
            // reported later as unobserved task exceptions.
            foreach (var pending in inFlight.Keys)
                _ = pending.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static void WritePage(VcfCmdlet cmdlet, Listing listing, IReadOnlyList<VcfTask> page)
    {
        var paging = cmdlet.PagingParameters;
        if (paging.IncludeTotalCount && !listing.TotalWritten && listing.Pager.TotalElements is { } total)
        {
            // As for one server: several -Status values or a wildcard -Name make the server's count an upper bound.
            var query = listing.Query;
            cmdlet.WriteObject(paging.NewTotalCount((ulong)total, query.Statuses.Count > 1 || query.NameFilter is not null ? 0.5 : 1.0));
            listing.TotalWritten = true;
        }
        foreach (var task in page)
        {
            cmdlet.WriteObject(task);
            listing.Written++;
        }
    }
}
