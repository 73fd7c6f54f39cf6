using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>
    /// The operators' console read side and operations, as singletons like the rest of the app: the dashboard, the inquiry
    /// browser, the poison queues, the local outbox and the recognition lists, with their storage adapters. Expects what
    /// the app registers already: StorageAccount, TimeProvider, IOptions&lt;MailOptions&gt;, IInquiryStore, IAssignmentStore,
    /// IAuditTrail, IDonationStore, IRoutingTablesSource and logging. TryAdd throughout, so a test may put fakes first.
    /// </summary>
    public static IServiceCollection AddConsoleQueries(this IServiceCollection services)
    {
        // Storage adapters (admin-only reads; see each class for what it scans and how it is bounded).
        services.TryAddSingleton<IDashboardSource, TableDashboardSource>();
        services.TryAddSingleton<IInquiryQueries, TableInquiryQueries>();
        services.TryAddSingleton<IDuplicateLookup, TableDuplicateIndex>();
        services.TryAddSingleton<IMailRecords, TableMailRecords>();
        services.TryAddSingleton<IPoisonQueueStore, StoragePoisonQueues>();
        services.TryAddSingleton<IOperatorAudit, TableOperatorAudit>();
        services.TryAddSingleton<IRecognitionQueries, TableRecognitionQueries>();

        // The console's features.
        services.TryAddSingleton<DashboardAggregator>();
        services.TryAddSingleton<DashboardQuery>();
        services.TryAddSingleton<InquiryBrowser>();
        services.TryAddSingleton<PoisonQueues>();
        services.TryAddSingleton<LocalOutbox>();
        services.TryAddSingleton<RecognitionBrowser>();
        return services;
    }
}
