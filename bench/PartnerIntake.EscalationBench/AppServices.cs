using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerIntake.Shared.Hosting;

namespace PartnerIntake.EscalationBench;

/// <summary>
/// The app's real services against one Azurite: the domain's registrations that both apps make
/// (<see cref="PartnerIntakeServices.AddPartnerIntake"/>: settings, storage adapters, mail, AssignmentLifecycle), in a
/// plain service provider. No host is started, so no queue listener and no timer runs on its own: the only
/// EscalateAssignments run is the one the benchmark makes (the function's body is one ProcessDueAsync call).
/// </summary>
public sealed class AppServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private AppServices(ServiceProvider provider, string outbox)
    {
        this.provider = provider;
        Outbox = outbox;
    }

    public IServiceProvider Services => provider;

    /// <summary>The local outbox transport's folder: one .eml file per message sent.</summary>
    public string Outbox { get; }

    public ShiftableTimeProvider Clock => (ShiftableTimeProvider)Services.GetRequiredService<TimeProvider>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<AppServices> StartAsync(string storageConnectionString, string workFolder, CancellationToken cancellationToken)
    {
        var outbox = Path.Combine(workFolder, "outbox");
        Directory.CreateDirectory(outbox);

        // Only these settings: nothing is read from the environment or a local.settings.json.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["App:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Mail:OutboxPath"] = outbox,
            ["Mail:FromEmail"] = "bench@example.org",
            ["Mail:FromName"] = "PartnerIntake escalation bench",
            ["SendGrid:ApiKey"] = "", // local outbox transport
            ["Admin:Key"] = "escalation-bench",
            ["Links:SigningKey"] = "escalation-bench-signing-key-only-for-this-benchmark-run",
            ["Testing:ClockControl"] = "true", // TimeProvider = ShiftableTimeProvider
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)); // as bench/run.sh runs the app
        services.AddPartnerIntake(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // What both apps do on start (StorageInitializer): tables and queues, the routing tables from the repository's
        // CSV, and the mail templates compiled.
        var initializer = provider.GetRequiredService<StorageInitializer>();
        await initializer.StartAsync(cancellationToken);
        await initializer.Ready.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await initializer.StopAsync(cancellationToken);
        return new AppServices(provider, outbox);
    }

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
