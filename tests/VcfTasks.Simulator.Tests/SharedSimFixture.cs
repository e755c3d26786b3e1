namespace VcfTasks.Simulator.Tests;

/// <summary>One logged-in simulator with 250 tasks for tests that only read (listing, filters, ordering).</summary>
public sealed class SharedSimFixture : IAsyncLifetime
{
    internal Sim Sim { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await Sim.StartAsync(o => o.TaskCount = 250);
        await Sim.LoginAsync();
    }

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}
