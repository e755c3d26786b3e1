namespace VcfTasks.Simulator.Tests;

/// <summary>Finds the repository (the folder holding VcfTasks.sln) and the shared API schema beside it.</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>CI copies shared/ beside the clone, so ../shared holds both locally and there.</summary>
    public static string OpenApi => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "api", "vcf-tasks-9.0.2.openapi.json"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VcfTasks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VcfTasks.sln not found above " + AppContext.BaseDirectory);
    }
}
