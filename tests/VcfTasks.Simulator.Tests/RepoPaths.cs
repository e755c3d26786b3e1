namespace VcfTasks.Simulator.Tests;

/// <summary>Finds the repository (the folder holding VcfTasks.sln) and the API schema it keeps in api/.</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The OpenAPI excerpt lives in the repository, so a bare clone with nothing beside it can run every test.</summary>
    public static string OpenApi => Path.Combine(RepoRoot, "api", "vcf-tasks-9.0.2.openapi.json");

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
