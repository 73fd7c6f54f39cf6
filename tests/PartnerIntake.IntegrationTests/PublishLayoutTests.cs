using System.Diagnostics;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>`dotnet publish` of the Functions app gives the layout the host and Flex Consumption deployment expect.</summary>
public class PublishLayoutTests
{
    [Fact]
    public async Task Publish_FunctionsApp_HasTheHostsLayout()
    {
        var output = Directory.CreateTempSubdirectory("pi-publish-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "publish", Path.Combine(Repo.Root, "functions", "PartnerIntake.Functions", "PartnerIntake.Functions.csproj"),
                    "-c", Repo.Configuration, "-o", output, "--no-restore", "-nologo", "-v", "quiet",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var publish = Process.Start(start)!;
            var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            publish.ExitCode.ShouldBe(0, log);

            foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "PartnerIntake.Functions.dll" })
            {
                File.Exists(Path.Combine(output, file)).ShouldBeTrue(file);
            }

            var extensions = Path.Combine(output, ".azurefunctions");
            Directory.Exists(extensions).ShouldBeTrue(".azurefunctions/");
            Directory.GetFiles(extensions, "Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", SearchOption.AllDirectories).ShouldNotBeEmpty();
            (await File.ReadAllTextAsync(Path.Combine(output, "extensions.json"))).ShouldContain("Storage");
            File.Exists(Path.Combine(output, "local.settings.json")).ShouldBeFalse();
            Directory.GetFiles(output, "function.json", SearchOption.AllDirectories).ShouldBeEmpty(); // no custom handler left
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
