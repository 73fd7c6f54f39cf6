namespace PartnerIntake.IntegrationTests.Infrastructure;

public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the app under test is the build next to this test assembly's configuration.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The Functions app: started without the host's arguments it runs its local host.</summary>
    public static string AppDll => Path.Combine(Root, "functions", "PartnerIntake.Functions", "bin", Configuration, "net10.0", "PartnerIntake.Functions.dll");

    /// <summary>The web app: every HTML page.</summary>
    public static string WebDll => Path.Combine(Root, "web", "PartnerIntake.Web", "bin", Configuration, "net10.0", "PartnerIntake.Web.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerIntake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (PartnerIntake.sln).");
    }
}
