using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Deployment;

/// <summary>The README's Configuration table: each setting with what the deployment does with it (infra, optional, local).</summary>
public static partial class ReadmeSettings
{
    public static IReadOnlyDictionary<string, string> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| setting | default | meaning | in Azure |", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException("README.md has no Configuration table with an 'in Azure' column.");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = row.Split('|');
            var azure = cells[^2].Trim();
            string? prefix = null;
            foreach (var name in Code().Matches(cells[1]).Select(m => m.Groups[1].Value))
            {
                // "`AzureWebJobsStorage__credential` / `__clientId`": a name starting with __ continues the first one.
                var full = name.StartsWith("__", StringComparison.Ordinal) ? prefix + name : name;
                prefix ??= name.Contains("__", StringComparison.Ordinal) ? name[..name.IndexOf("__", StringComparison.Ordinal)] : name;
                settings[full] = azure;
            }
        }

        return settings;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
