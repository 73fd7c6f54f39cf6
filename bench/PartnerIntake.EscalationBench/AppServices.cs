using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerIntake.Functions.Hosting;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.EscalationBench;

/// <summary>
/// The app's real services (its own <see cref="ServiceRegistration.AddApplicationServices"/>) against one Azurite,
/// without starting the web server or the hosted services: no queue listener and no TimerRunner run on their own,
/// so the only EscalateAssignments run is the one the benchmark makes.
/// </summary>
public sealed class AppServices : IAsyncDisposable
{
    private readonly WebApplication app;

    private AppServices(WebApplication app, string outbox)
    {
        this.app = app;
        Outbox = outbox;
    }

    public IServiceProvider Services => app.Services;

    /// <summary>The local outbox transport's folder: one .eml file per message sent.</summary>
    public string Outbox { get; }

    public ShiftableTimeProvider Clock => (ShiftableTimeProvider)Services.GetRequiredService<TimeProvider>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// AddApplicationServices reads host.json and */function.json from AppContext.BaseDirectory. This project
    /// references the Functions project, whose csproj marks those files Content/CopyToOutputDirectory, and MSBuild
    /// copies a referenced project's copy-to-output items into the referencing project's output, folders kept. So the
    /// bench's own bin folder holds the same files as the Functions output, and it is the content root too.
    /// </summary>
    public static void CheckLayout()
    {
        var root = AppContext.BaseDirectory;
        foreach (var file in new[] { "host.json", Path.Combine("EscalateAssignments", "function.json"), Path.Combine("RouteInquiry", "function.json") })
        {
            if (!File.Exists(Path.Combine(root, file)))
            {
                throw new InvalidOperationException($"{file} is missing from {root}: it should be copied there from the Functions project on build.");
            }
        }
    }

    public static async Task<AppServices> StartAsync(string storageConnectionString, string workFolder, CancellationToken cancellationToken)
    {
        var outbox = Path.Combine(workFolder, "outbox");
        Directory.CreateDirectory(outbox);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // Added last, so these win over environment variables and any local.settings.json the app finds.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "", // standalone mode
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["App:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Mail:OutboxPath"] = outbox,
            ["Mail:FromEmail"] = "bench@example.org",
            ["Mail:FromName"] = "PartnerIntake escalation bench",
            ["SendGrid:ApiKey"] = "", // local outbox transport
            ["Admin:Key"] = "escalation-bench",
            ["Links:SigningKey"] = "escalation-bench-signing-key-only-for-this-benchmark-run",
            ["Testing:ClockControl"] = "true", // TimeProvider = ShiftableTimeProvider
            ["Logging:LogLevel:Default"] = "Warning", // as bench/run.sh runs the app
        });
        builder.AddApplicationServices();
        var app = builder.Build();

        // What StorageInitializer does at start: tables, queues, the routing tables from the repository's CSV,
        // and the mail templates compiled.
        var storage = app.Services.GetRequiredService<StorageAccount>();
        await storage.EnsureCreatedAsync([QueueNames.Inquiries, QueueNames.Poison(QueueNames.Inquiries)], cancellationToken);
        var time = app.Services.GetRequiredService<TimeProvider>();
        await app.Services.GetRequiredService<TableRoutingTablesStore>()
            .ImportAsync(RoutingTablesCsv.Seed().Parse(), time.GetUtcNow(), onlyIfEmpty: true, cancellationToken);
        _ = app.Services.GetRequiredService<Shared.Mail.MailTemplates>().All.Count();
        return new AppServices(app, outbox);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
