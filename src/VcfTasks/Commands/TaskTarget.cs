namespace VcfTasks.Commands;

/// <summary>
/// One task to act on: where it lives, its id, the object that came down the pipeline (<see cref="Given"/>), and
/// the task as just read when finding it took a read (<see cref="Read"/>, with several servers).
/// </summary>
internal readonly struct TaskTarget
{
    public TaskTarget(VcfConnection connection, string id, VcfTask? given, VcfTask? read)
    {
        Connection = connection;
        Id = id;
        Given = given;
        Read = read;
    }

    public VcfConnection Connection { get; }
    public string Id { get; }
    public VcfTask? Given { get; }
    public VcfTask? Read { get; }
}
