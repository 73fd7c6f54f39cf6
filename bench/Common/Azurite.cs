using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PartnerIntake.BenchCommon;

/// <summary>
/// A fresh Azurite on free ports, in memory (--inMemoryPersistence; its working directory is a temporary
/// folder), like the integration tests' one. Installed at the repository root by `npm ci` (run.sh does it).
/// Node's heap limit is raised: the recognition benchmark keeps 400,000 entities in the in-memory emulator.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;
    private readonly string workspace;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private Azurite(Process process, string workspace, int blob, int queue, int table)
    {
        this.process = process;
        this.workspace = workspace;
        TablePort = table;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public int TablePort { get; }

    public int ProcessId => process.Id;

    public static async Task<Azurite> StartAsync(string repoRoot)
    {
        var executable = Path.Combine(repoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run `npm ci` at the repository root (run.sh does).");
        }

        var ports = FreePorts(3);
        var (blob, queue, table) = (ports[0], ports[1], ports[2]);
        var workspace = Directory.CreateTempSubdirectory("pi-bench-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--disableProductStyleUrl",
                "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                "--tablePort", table.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
            Environment = { ["NODE_OPTIONS"] = "--max-old-space-size=6144" },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new Azurite(process, workspace, blob, queue, table);
        process.OutputDataReceived += (_, e) => azurite.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { queue, table })
        {
            while (!await CanConnectAsync(port))
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    var why = process.HasExited ? $"exited with {process.ExitCode}" : "did not answer within 30 s";
                    await azurite.DisposeAsync();
                    throw new InvalidOperationException($"Azurite {why}: {string.Join('\n', azurite.output)}");
                }

                await Task.Delay(50);
            }
        }

        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
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
        if (line is not null && output.Count < 200)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>Distinct free loopback ports: all listeners are held open until every port is chosen.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
