using System.Diagnostics;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// No key in any committed file, and neither app runs without a link-signing key: with a committed key anyone could
/// forge accept links (security review, finding 5). run.sh generates one per machine; tests set their own.
/// </summary>
public class SecretsTests
{
    private static readonly string[] SecretSettings = ["Admin__Key", "Key", "Links__SigningKey", "SigningKey", "SendGrid__ApiKey", "ApiKey"];

    [Fact]
    public void CommittedSettingsFiles_EveryJsonFileInTheRepository_HoldNoKeyValue()
    {
        var files = Directory.EnumerateFiles(Repo.Root, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".data" or ".git"))
            .Where(f => Path.GetFileName(f) != "local.settings.json") // git-ignored: the machine's own keys live there
            .ToList();

        files.ShouldContain(f => f.EndsWith("local.settings.example.json", StringComparison.Ordinal));
        var offending = files.SelectMany(f => KeyValues(f).Select(kv => $"{Path.GetRelativePath(Repo.Root, f)}: {kv}")).ToList();
        offending.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("functions")]
    [InlineData("web")]
    public async Task Start_WithoutALinkSigningKey_RefusesToStartNamingTheSetting(string app)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app == "web" ? Repo.WebDll : Repo.AppDll, "--urls", $"http://127.0.0.1:{Ports.Free()}" },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        start.Environment["Links__SigningKey"] = ""; // overrides any local.settings.json a developer has
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"The {app} app kept running without Links__SigningKey.");
        }

        process.ExitCode.ShouldNotBe(0);
        (await output + await errors).ShouldContain("SigningKey");
    }

    private static IEnumerable<string> KeyValues(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            foreach (var (name, value) in Walk(document.RootElement))
            {
                if (SecretSettings.Contains(name, StringComparer.OrdinalIgnoreCase) && value.Length > 0)
                {
                    yield return name;
                }
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return (property.Name, property.Value.GetString()!);
                }

                foreach (var nested in Walk(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var nested in element.EnumerateArray().SelectMany(Walk))
            {
                yield return nested;
            }
        }
    }
}
