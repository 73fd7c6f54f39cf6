using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Deployment;

/// <summary>The real Bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package (restored with the tests).</summary>
public static class Bicep
{
    public static string MainFile => Path.Combine(Repo.Root, "infra", "main.bicep");

    /// <summary>Where the package's build props put the executable (BicepPath), written into this assembly at build.</summary>
    public static string Executable { get; } = Path.GetFullPath(typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/'));

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The compiler checks for a newer version and telemetry online unless told not to; our machines are offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>infra/main.bicep compiled once per test run (a build takes a few seconds).</summary>
    public static Task<ArmTemplate> Compiled { get; } = CompileAsync();

    private static async Task<ArmTemplate> CompileAsync()
    {
        var (exitCode, output, errors) = await RunAsync("build", MainFile, "--stdout");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({exitCode}): {errors}");
        }

        return new ArmTemplate((JsonObject)JsonNode.Parse(output)!);
    }
}
