using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// Reads the Values of local.settings.json (what `func start` would) so standalone mode uses the same
/// file. Environment variables and the command line still win.
/// </summary>
public static class LocalSettings
{
    public static void AddLocalSettings(this ConfigurationManager configuration)
    {
        // The current directory, as `func start` does, else the checkout root above it (`dotnet run`
        // starts in the project folder). Tests start the app outside the checkout, so a developer's
        // settings never leak into them.
        var file = new[] { Directory.GetCurrentDirectory(), FindRepoRoot(Directory.GetCurrentDirectory()) }
            .Where(d => d is not null)
            .Select(d => Path.Combine(d!, "local.settings.json"))
            .FirstOrDefault(File.Exists);
        if (file is null)
        {
            return;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        if (!doc.RootElement.TryGetProperty("Values", out var values))
        {
            return;
        }

        var settings = values.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());

        // Insert below environment variables so a real environment overrides the file.
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = settings };
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var envIndex = sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource);
        sources.Insert(envIndex < 0 ? sources.Count : envIndex, source);
    }

    /// <summary>The checkout root (the folder holding PartnerIntake.sln), if we run from one.</summary>
    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerIntake.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
