using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;
using PartnerIntake.Shared.Telemetry;

namespace PartnerIntake.Shared.Hosting;

/// <summary>
/// The domain and its adapters, registered the same way for both apps (the Functions app and the web app): settings
/// bound and validated on start, the storage adapters, mail, and the features. Each app adds only its own surface.
/// </summary>
public static class PartnerIntakeServices
{
    public static IServiceCollection AddPartnerIntake(this IServiceCollection services, IConfiguration configuration, bool base64Messages = true)
    {
        var repoRoot = LocalSettings.FindRepoRoot(Directory.GetCurrentDirectory()) ?? LocalSettings.FindRepoRoot(AppContext.BaseDirectory);
        services.AddSingleton<TimeProvider>(configuration.GetValue<bool>("Testing:ClockControl") ? new ShiftableTimeProvider() : TimeProvider.System);

        services.AddOptions<AdminOptions>().BindConfiguration("Admin").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AdminKeyThrottle>();
        services.AddOptions<AppOptions>().BindConfiguration("App")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "App:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .PostConfigure(o => o.OutboxPath = Path.GetFullPath(o.OutboxPath, repoRoot ?? Directory.GetCurrentDirectory()))
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.FromEmail, out _), "Mail:FromEmail must be an e-mail address.")
            .Validate(o => string.IsNullOrEmpty(o.ReplyToEmail) || System.Net.Mail.MailAddress.TryCreate(o.ReplyToEmail, out _), "Mail:ReplyToEmail must be an e-mail address.")
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration("SendGrid");
        services.AddOptions<RoutingOptions>().BindConfiguration("Routing").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkOptions>().BindConfiguration("Links").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().BindConfiguration("Intake").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => BusinessCalendar.Parse(sp.GetRequiredService<IConfiguration>()["Assignment:Holidays"]));
        services.AddOptions<RecognitionOptions>().BindConfiguration("Recognition").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommonsMetricsOptions>().BindConfiguration("Recognition:CommonsMetrics");
        services.AddOptions<Privacy.PrivacyOptions>().BindConfiguration("Privacy").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration("Uploads").ValidateDataAnnotations().ValidateOnStart();

        // Storage adapters (the only code that knows the storage SDKs).
        if (!StorageClients.IsConfigured(configuration))
        {
            throw new InvalidOperationException("Set AzureWebJobsStorage (UseDevelopmentStorage=true for Azurite), or its identity-based settings.");
        }

        services.AddStorage(configuration, base64Messages);
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
        services.AddSingleton<LimitKeys>();
        services.AddSingleton<ISubmissionLimiter, TableSubmissionLimiter>();
        services.AddSingleton<IAcknowledgementCap, TableAcknowledgementCap>();
        services.AddSingleton<IDueActions, TableDueActions>();
        services.AddSingleton<ITimerStatusStore, TableTimerStatus>();
        services.AddSingleton<TableDonationStore>();
        services.AddSingleton<IDonationStore>(sp => sp.GetRequiredService<TableDonationStore>());
        services.AddSingleton<IDonationBounces>(sp => sp.GetRequiredService<TableDonationStore>());
        services.AddSingleton<INoticeStore, TableNoticeStore>();
        services.AddSingleton<IImportedImpactStore, TableImportedImpactStore>();
        services.AddSingleton<Privacy.IRetentionIndex, TableRetentionDue>();
        services.AddSingleton<Privacy.IRetentionHousekeeping, TableRetentionHousekeeping>();
        services.AddSingleton<Privacy.IRetentionBackfill, TableRetentionBackfill>();

        // Mail: SendGrid when an API key is configured, else .eml files in the local outbox.
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<MailSender>();
        services.AddMailEvents(); // the signed Event Webhook (verifier, ingest)
        services.AddSendGridTransport();
        services.AddSingleton<IMailTransport>(sp =>
            string.IsNullOrEmpty(sp.GetRequiredService<IOptions<SendGridOptions>>().Value.ApiKey)
                ? ActivatorUtilities.CreateInstance<LocalOutboxTransport>(sp)
                : sp.GetRequiredService<SendGridTransport>());

        // Features.
        services.AddSingleton<SubmitInquiry>();
        services.AddSingleton<InquiryMails>();
        services.AddSingleton<RouteInquiry>();
        services.AddSingleton<RoutingAdministration>();
        services.AddSingleton<ActionLinks>();
        services.AddSingleton<AssignmentLifecycle>();
        services.AddSingleton<RecognitionSchedule>();
        services.AddSingleton<RecognitionMails>();
        services.AddHttpClient<CommonsImpactMetricsClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IImpactMetrics, ImpactMetrics>();
        services.AddSingleton<Recognition.Recognition>();
        services.AddPrivacy();
        services.AddSingleton<Privacy.RetentionSchedule>();
        services.AddSingleton<Privacy.RetentionSweep>();

        // Tables, queues and the routing tables' seed, on start (both apps: whichever starts first).
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        services.AddPartnerIntakeTelemetry(configuration);
        return services;
    }
}
