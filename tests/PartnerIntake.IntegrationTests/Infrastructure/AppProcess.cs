using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>The real app, started as a process the way run.sh or the Functions host starts it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminKey = "integration-test-admin-key";
    public const string SigningKey = "integration-test-signing-key-of-enough-length";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(Process process, Uri baseAddress, string outbox, string workDir)
    {
        this.process = process;
        BaseAddress = baseAddress;
        OutboxPath = outbox;
        WorkDir = workDir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string OutboxPath { get; }

    public string WorkDir { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the app wrote to stdout/stderr, for assertions on logs and for failure messages.</summary>
    public string Output => string.Join('\n', output);

    /// <param name="functionsMode">Start as the Functions host would: FUNCTIONS_CUSTOMHANDLER_PORT set, no queue listeners.</param>
    public static async Task<AppProcess> StartAsync(string storageConnectionString, bool functionsMode = false, bool waitForHealthy = true,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(Repo.AppDll))
        {
            throw new InvalidOperationException($"The app is not built at {Repo.AppDll}.");
        }

        var port = Ports.Free();
        var workDir = Directory.CreateTempSubdirectory("pi-app-").FullName; // outside the checkout: no local.settings.json
        var outbox = Path.Combine(workDir, "outbox");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repo.AppDll },
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["Admin__Key"] = AdminKey;
        start.Environment["Links__SigningKey"] = SigningKey;
        start.Environment["Testing__ClockControl"] = "true";
        start.Environment["Mail__OutboxPath"] = outbox;
        start.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("SendGrid__ApiKey");
        if (functionsMode)
        {
            start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        }
        else
        {
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), outbox, workDir);
        await app.WaitUntilAsync(waitForHealthy ? "/api/health" : "/api/health/live", TimeSpan.FromSeconds(60));
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
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilAsync(string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(path);
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

        throw new TimeoutException($"The app did not answer {path} within {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
