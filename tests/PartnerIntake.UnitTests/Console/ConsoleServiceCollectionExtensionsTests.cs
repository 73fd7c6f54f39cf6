using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class ConsoleServiceCollectionExtensionsTests
{
    [Fact]
    public void AddConsoleQueries_WithTheAppsPorts_EveryConsoleServiceResolves()
    {
        using var provider = CreateSut().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<DashboardQuery>().ShouldNotBeNull();
        provider.GetRequiredService<DashboardAggregator>().ShouldNotBeNull();
        provider.GetRequiredService<InquiryBrowser>().ShouldNotBeNull();
        provider.GetRequiredService<PoisonQueues>().ShouldNotBeNull();
        provider.GetRequiredService<LocalOutbox>().Folder.ShouldBe(Path.GetFullPath(".data/outbox"));
        provider.GetRequiredService<RecognitionBrowser>().ShouldNotBeNull();
        provider.GetRequiredService<IDuplicateLookup>().ShouldBeOfType<TableDuplicateIndex>();
        provider.GetRequiredService<InquiryBrowser>().ShouldBeSameAs(provider.GetRequiredService<InquiryBrowser>());
        provider.GetRequiredService<InquiryActions>().ShouldNotBeNull();
        provider.GetRequiredService<AttentionQuery>().ShouldNotBeNull();
        provider.GetRequiredService<IInquiryClosures>().ShouldBeSameAs(provider.GetRequiredService<IStoredMails>());
    }

    [Fact]
    public void AddConsoleQueries_FakeRegisteredFirst_Kept()
    {
        var services = CreateSut(before: s => s.AddSingleton<IMailRecords, FakeMailRecords>());

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IMailRecords>().ShouldBeOfType<FakeMailRecords>();
    }

    private static ServiceCollection CreateSut(Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(Options.Create(new MailOptions()));
        services.AddSingleton(StorageClients.Connect("UseDevelopmentStorage=true"));
        services.AddSingleton<IInquiryStore, InMemoryInquiryStore>();
        services.AddSingleton<IAssignmentStore, InMemoryAssignmentStore>();
        services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
        services.AddSingleton<IDonationStore, InMemoryRecognition>();
        services.AddSingleton<IRoutingTablesSource, StaticRoutingTables>();
        services.AddSingleton<IDueActions, InMemoryDueActions>();
        services.AddSingleton<IMailOutbox, InMemoryMailOutbox>();
        services.AddSingleton<IMailTransport, RecordingTransport>();
        services.AddSingleton<MailSender>();
        // The app registers AssignmentLifecycle (with its mail templates); its port stands in for it here.
        services.AddSingleton<IAssignmentActions, FakeAssignmentActions>();
        before?.Invoke(services);
        services.AddConsoleQueries();
        return services;
    }

    private sealed class StaticRoutingTables : IRoutingTablesSource
    {
        public ValueTask<RoutingTables> GetLiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Builders.SeedTables());

        public void Invalidate()
        {
        }
    }
}
