using System.Diagnostics;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// `dotnet publish` of each app gives what azd deploys: the Functions app the layout the host and Flex Consumption
/// expect, the web app a package that starts on its own and answers its health check.
/// </summary>
public class PublishLayoutTests
{
    [Fact]
    public async Task Publish_WebApp_StartsFromThePackageAndIsHealthy()
    {
        var output = Directory.CreateTempSubdirectory("pi-publish-web-").FullName;
        await using var azurite = await Azurite.StartAsync();
        try
        {
            var log = await PublishAsync(Path.Combine(Repo.Root, "web", "PartnerIntake.Web", "PartnerIntake.Web.csproj"), output);
            File.Exists(Path.Combine(output, "PartnerIntake.Web.dll")).ShouldBeTrue(log);
            File.Exists(Path.Combine(output, "wwwroot", "css", "site.css")).ShouldBeTrue();
            File.Exists(Path.Combine(output, "local.settings.json")).ShouldBeFalse();

            var port = Ports.Free();
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(output, "PartnerIntake.Web.dll"), "--urls", $"http://127.0.0.1:{port}" },
                WorkingDirectory = output,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
            start.Environment["Links__SigningKey"] = AppProcess.SigningKey;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            using var web = Process.Start(start)!;
            web.OutputDataReceived += (_, _) => { };
            web.ErrorDataReceived += (_, _) => { };
            web.BeginOutputReadLine();
            web.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
                await Eventually.HoldsAsync(async () =>
                {
                    try
                    {
                        using var health = await http.GetAsync("/health");
                        return health.StatusCode == System.Net.HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                }, TimeSpan.FromSeconds(60), "the published web app answers /health with 200");
                using var form = await http.GetAsync("/");
                form.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            }
            finally
            {
                web.Kill(entireProcessTree: true);
                await web.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<string> PublishAsync(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", Repo.Configuration, "-o", output, "--no-restore", "-nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        publish.ExitCode.ShouldBe(0, log);
        return log;
    }

    [Fact]
    public async Task Publish_FunctionsApp_HasTheHostsLayout()
    {
        var output = Directory.CreateTempSubdirectory("pi-publish-").FullName;
        try
        {
            await PublishAsync(Path.Combine(Repo.Root, "functions", "PartnerIntake.Functions", "PartnerIntake.Functions.csproj"), output);

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
