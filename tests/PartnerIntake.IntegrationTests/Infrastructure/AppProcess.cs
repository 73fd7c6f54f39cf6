using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// The real system as run.sh starts it, two processes on one storage account: the Functions app's local host (the JSON
/// API, the queue trigger and the timers; <see cref="Http"/>) and the web app (every page; <see cref="Web"/>).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminKey = "integration-test-admin-key";
    public const string SigningKey = "integration-test-signing-key-of-enough-length";

    private readonly Process functions;
    private readonly Process web;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(Process functions, Process web, Uri baseAddress, Uri webAddress, string outbox, string workDir)
    {
        this.functions = functions;
        this.web = web;
        BaseAddress = baseAddress;
        WebAddress = webAddress;
        OutboxPath = outbox;
        WorkDir = workDir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Web = new HttpClient { BaseAddress = webAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var process in new[] { functions, web })
        {
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
    }

    /// <summary>The Functions app (local host): /api/…, /admin/….</summary>
    public Uri BaseAddress { get; }

    /// <summary>The web app: the form, status, affiliate and unsubscribe pages, the console.</summary>
    public Uri WebAddress { get; }

    public string OutboxPath { get; }

    public string WorkDir { get; }

    public HttpClient Http { get; }

    public HttpClient Web { get; }

    /// <summary>Everything both apps wrote to stdout/stderr, for assertions on logs and for failure messages.</summary>
    public string Output => string.Join('\n', output);

    public static async Task<AppProcess> StartAsync(string storageConnectionString, bool waitForHealthy = true,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        foreach (var dll in new[] { Repo.AppDll, Repo.WebDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"Not built: {dll}.");
            }
        }

        var (apiPort, webPort) = (Ports.Free(), Ports.Free());
        var workDir = Directory.CreateTempSubdirectory("pi-app-").FullName; // outside the checkout: no local.settings.json
        var outbox = Path.Combine(workDir, "outbox");
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Admin__Key"] = AdminKey,
            ["Links__SigningKey"] = SigningKey,
            ["Testing__ClockControl"] = "true",
            ["Mail__OutboxPath"] = outbox,
            ["App__ApiBaseUrl"] = $"http://127.0.0.1:{apiPort}",
            ["App__PublicBaseUrl"] = $"http://127.0.0.1:{webPort}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Tests submit many inquiries from one address to one contact: the abuse limits are off unless a fixture sets them.
            ["Intake__PermitLimit"] = "1000000",
            ["Intake__MailsPerAddressPerDay"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var functions = Start(Repo.AppDll, workDir, environment, apiPort);
        var web = Start(Repo.WebDll, workDir, environment, webPort);
        var app = new AppProcess(functions, web, new Uri($"http://127.0.0.1:{apiPort}"), new Uri($"http://127.0.0.1:{webPort}"), outbox, workDir);
        await app.WaitUntilAsync(app.Http, functions, waitForHealthy ? "/api/health" : "/api/health/live", TimeSpan.FromSeconds(60));
        await app.WaitUntilAsync(app.Web, web, "/privacy", TimeSpan.FromSeconds(60));
        return app;
    }

    public Task<HttpResponseMessage> SubmitAsync(string json) =>
        Http.PostAsync("/api/inquiries", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public async Task<string> SubmitValidAsync(string json)
    {
        using var response = await SubmitAsync(json);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"Expected 202, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("reference").GetString()!;
    }

    public async Task<System.Text.Json.JsonElement> StatusAsync(string reference) =>
        await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/inquiries/{reference}");

    public string[] OutboxFiles(string reference) =>
        Directory.Exists(OutboxPath)
            ? Directory.GetFiles(OutboxPath, reference + ".*.eml").Select(f => Path.GetFileName(f)).ToArray()
            : [];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Web.Dispose();
        foreach (var process in new[] { functions, web })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Process Start(string dll, string workDir, Dictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("SendGrid__ApiKey"); // a developer's key never reaches a test; a test may set its own
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private async Task WaitUntilAsync(HttpClient http, Process process, string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{http.BaseAddress}{path} did not answer within {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
