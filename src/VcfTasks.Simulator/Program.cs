using VcfTasks.Simulator;

// The simulator as a process: parse the command line, start, print the one startup line, and
// serve until stdin reaches end of file (the parent closing our stdin is how it says "stop").
SimulatorOptions options;
try
{
    options = OptionsParser.Parse(args);
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(OptionsParser.Usage);
    return 2;
}

// One server or several (--servers N): one process, one startup line that lists them all.
await using var instance = await VcfTasks.Simulator.Hosting.SimulatorFleet.StartAsync(options);
Console.Out.WriteLine(instance.StartupLine());
Console.Out.Flush();

var stdinClosed = new TaskCompletionSource();
var reader = new Thread(() =>
{
    // Read and discard: only end of file matters. A dedicated thread, because Console.In blocks.
    try
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (stdin.Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }
    catch (IOException)
    {
        // A broken stdin counts as closed.
    }

    stdinClosed.TrySetResult();
})
{ IsBackground = true, Name = "stdin-watch" };
reader.Start();

await Task.WhenAny(stdinClosed.Task, instance.Stopped);
await instance.StopAsync();
return 0;
