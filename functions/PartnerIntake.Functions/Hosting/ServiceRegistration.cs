using Microsoft.Extensions.Options;
using PartnerIntake.Functions.Health;
using PartnerIntake.Functions.Intake;
using PartnerIntake.Functions.Mail;
using PartnerIntake.Functions.Routing;
using PartnerIntake.Functions.Assignment;
using PartnerIntake.Functions.Recognition;
using PartnerIntake.Functions.Web;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Hosting;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Functions.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var repoRoot = LocalSettings.FindRepoRoot(Directory.GetCurrentDirectory()) ?? LocalSettings.FindRepoRoot(AppContext.BaseDirectory);
        builder.Configuration.AddLocalSettings();
        var mode = DetectMode(builder);
        ConfigureUrls(builder, mode);

        var services = builder.Services;
        services.AddSingleton(mode);
        services.AddSingleton(mode.Queues);
        var clockControl = builder.Configuration.GetValue<bool>("Testing:ClockControl");
        services.AddSingleton<TimeProvider>(clockControl ? new ShiftableTimeProvider() : TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = Json.Options.DefaultIgnoreCondition);

        services.AddOptions<AdminOptions>().BindConfiguration("Admin");
        services.AddOptions<AppOptions>().BindConfiguration("App")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "App:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .PostConfigure(o => o.OutboxPath = Path.GetFullPath(o.OutboxPath, repoRoot ?? Directory.GetCurrentDirectory()))
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.FromEmail, out _), "Mail:FromEmail must be an e-mail address.")
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration("SendGrid");
        services.AddOptions<RoutingOptions>().BindConfiguration("Routing").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Shared.Assignment.LinkOptions>().BindConfiguration("Links").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => BusinessCalendar.Parse(sp.GetRequiredService<IConfiguration>()["Assignment:Holidays"]));
        services.AddOptions<RecognitionOptions>().BindConfiguration("Recognition").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommonsMetricsOptions>().BindConfiguration("Recognition:CommonsMetrics");

        // Storage adapters (the only code that knows the storage SDK).
        if (!StorageClients.IsConfigured(builder.Configuration))
        {
            throw new InvalidOperationException("Set AzureWebJobsStorage (UseDevelopmentStorage=true for Azurite), or its identity-based settings.");
        }

        services.AddStorage(builder.Configuration, mode.Queues.Base64Messages);
        services.AddSingleton<IRoutingStore, TableRoutingStore>();
        services.AddSingleton<IInquiryStore, TableInquiryStore>();
        services.AddSingleton<IInquiryQueue, StorageInquiryQueue>();
        services.AddSingleton<IAssignmentStore, TableAssignmentStore>();
        services.AddSingleton<IMailOutbox, TableMailOutbox>();
        services.AddSingleton<IMailDeliveryStatus, TableMailOutbox>();
        services.AddSingleton<IMailEventStore, TableMailEvents>();
        services.AddSingleton<TableRoutingTablesStore>();
        services.AddSingleton<IRoutingTablesSource, LiveRoutingTables>();
        services.AddSingleton<IAuditTrail, TableAuditTrail>();
        services.AddSingleton<IDuplicateIndex, TableDuplicateIndex>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IDueActions, TableDueActions>();
        services.AddSingleton<ITimerStatusStore, TableTimerStatus>();
        services.AddSingleton<TableDonationStore>();
        services.AddSingleton<IDonationStore>(sp => sp.GetRequiredService<TableDonationStore>());
        services.AddSingleton<IDonationBounces>(sp => sp.GetRequiredService<TableDonationStore>());
        services.AddSingleton<INoticeStore, TableNoticeStore>();
        services.AddSingleton<IImportedImpactStore, TableImportedImpactStore>();

        // Mail: SendGrid when an API key is configured, else .eml files in the local outbox.
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<MailSender>();
        services.AddMailEvents(); // the signed Event Webhook (verifier, ingest)
        services.AddHttpClient<SendGridTransport>();
        services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrEmpty(sp.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey)
                ? ActivatorUtilities.CreateInstance<LocalOutboxTransport>(sp)
                : sp.GetRequiredService<SendGridTransport>());

        // Features.
        services.AddSingleton<SubmitInquiry>();
        services.AddSingleton<InquiryMails>();
        services.AddSingleton<Shared.Routing.RouteInquiry>();
        services.AddSingleton<RoutingAdministration>();
        services.AddSingleton<ActionLinks>();
        services.AddSingleton<AssignmentLifecycle>();
        services.AddSingleton<RecognitionSchedule>();
        services.AddSingleton<RecognitionMails>();
        services.AddHttpClient<CommonsImpactMetricsClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IImpactMetrics, ImpactMetrics>();
        services.AddSingleton<Shared.Recognition.Recognition>();

        // Functions: queue-triggered adapters by name; function.json decides which exist.
        services.AddSingleton<IQueueFunction, RouteInquiryFunction>();
        services.AddSingleton<ITimerFunction, Assignment.EscalateAssignmentsFunction>();
        services.AddSingleton<ITimerFunction, Recognition.SendRecognitionsFunction>();
        services.AddSingleton<FunctionRegistry>();

        builder.AddWeb(mode);

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        if (!mode.IsFunctionsHost)
        {
            foreach (var definition in mode.QueueFunctions)
            {
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp,
                    sp.GetRequiredService<FunctionRegistry>().Queue(definition.Name),
                    new QueueReceiver(sp.GetRequiredService<StorageAccount>(), definition.QueueName!)));
            }

            foreach (var definition in mode.Functions.Where(f => f.IsTimer))
            {
                services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp,
                    sp.GetRequiredService<FunctionRegistry>().Timer(definition.Name), definition));
            }
        }

        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.Services.GetRequiredService<FunctionRegistry>().EnsureMatches(app.Services.GetRequiredService<HostingMode>());

        app.UseWeb();

        // The Functions host polls GET / until the custom handler answers: the partner form does.
        app.MapWeb();
        app.MapIntakeApi();
        app.MapHealthApi();
        app.MapRoutingApi();
        app.MapAssignmentPages();
        app.MapMailEventsApi();
        app.MapRecognitionApi();
        if (app.Services.GetRequiredService<TimeProvider>() is ShiftableTimeProvider)
        {
            app.MapClockControl();
        }
        app.MapAdminFunctionsApi();
        app.MapStorageRequestsApi();
        if (app.Services.GetRequiredService<HostingMode>().IsFunctionsHost)
        {
            app.MapCustomHandlerInvocations();
        }

        return app;
    }

    private static HostingMode DetectMode(WebApplicationBuilder builder)
    {
        var root = AppContext.BaseDirectory;
        var functions = FunctionCatalog.Load(root, key => builder.Configuration[key]);
        var queues = HostSettings.ReadQueueSettings(Path.Combine(root, "host.json"));
        return new HostingMode(builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 }, functions, queues);
    }

    private static void ConfigureUrls(WebApplicationBuilder builder, HostingMode mode)
    {
        if (mode.IsFunctionsHost)
        {
            // Only the host talks to us, on loopback, at the port it chose.
            builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]}");
            return;
        }

        var explicitUrls = new[] { "urls", "http_ports", "https_ports" }.Any(k => !string.IsNullOrEmpty(builder.Configuration[k]));
        if (!explicitUrls)
        {
            builder.WebHost.UseUrls("http://localhost:7071"); // the Functions convention
        }
    }
}
