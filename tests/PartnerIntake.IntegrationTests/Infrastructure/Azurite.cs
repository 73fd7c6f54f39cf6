using System.Diagnostics;
using System.Net.Sockets;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>A real Azurite on free ports, in memory (its working directory is a temp folder): never touches .data/. Installed by test.sh (npm ci).</summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;
    private readonly string workspace;

    private Azurite(Process process, string workspace, int blob, int queue, int table)
    {
        this.process = process;
        this.workspace = workspace;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        QueuePort = queue;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> errors = new();

    public string ConnectionString { get; }

    public int QueuePort { get; }

    public static async Task<Azurite> StartAsync()
    {
        var executable = Path.Combine(Repo.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run ./test.sh, which installs it (npm ci).");
        }

        var (blob, queue, table) = (Ports.Free(), Ports.Free(), Ports.Free());
        var workspace = Directory.CreateTempSubdirectory("pi-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--disableProductStyleUrl",
                "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        var process = Process.Start(start)!;
        var azurite = new Azurite(process, workspace, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await CanConnectAsync(port))
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    var exited = process.HasExited ? $"exited with {process.ExitCode}" : "did not answer within 30 s";
                    await azurite.DisposeAsync();
                    throw new InvalidOperationException($"Azurite {exited}: {string.Join('\n', azurite.errors)}");
                }

                await Task.Delay(100);
            }
        }

        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(workspace, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            errors.Enqueue(line);
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
