using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// The mails to an entity as SendGrid receives them (the real transport and outbox on Azurite, against the checking
/// listener): before the entity accepts, replies reach the partnerships team; after, the partner.
/// </summary>
public class EntityMailReplyToTests(OutboxStorageFixture fixture) : IClassFixture<OutboxStorageFixture>, IAsyncLifetime
{
    private const string Team = "partners-team@example.org";
    private readonly List<ServiceProvider> providers = [];
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync() => sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task Send_AssignmentThenTakenOn_ReplyToIsTheTeamThenThePartner()
    {
        var (mails, inquiry, assignment) = Routed();
        var languages = RoutingTablesCsv.Seed().Parse().Entity(assignment.Assignee.Id)!.Languages;

        (await Sender().SendOnceAsync(mails.Assignment(inquiry, assignment, languages), default)).ShouldBeTrue();
        (await Sender().SendOnceAsync(mails.TakenOn(inquiry, assignment with { State = AssignmentState.Accepted }, languages), default)).ShouldBeTrue();

        sendGrid.Requests.Count.ShouldBe(2);
        var before = Json(sendGrid.Requests[0]);
        var after = Json(sendGrid.Requests[1]);
        before.GetProperty("reply_to").GetProperty("email").GetString().ShouldBe(Team);
        after.GetProperty("reply_to").GetProperty("email").GetString().ShouldBe("anna@example.org");
        after.GetProperty("reply_to").GetProperty("name").GetString().ShouldBe("Anna Nowak");
        foreach (var json in new[] { before, after })
        {
            json.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString().ShouldBe("polska@example.org");
            json.GetProperty("from").GetProperty("email").GetString().ShouldBe("partnerships@example.org");
        }

        var html = before.GetProperty("content")[1].GetProperty("value").GetString()!;
        var text = before.GetProperty("content")[0].GetProperty("value").GetString()!;
        foreach (var action in new[] { "Accept", "Redirect to another entity", "Decline" })
        {
            var link = LifecycleSteps.ActionLink(text, action);
            html.ShouldContain($"{link}\" style=\"display: inline-block;");
        }

        FakeSendGrid.Problems(sendGrid.Requests[0].Body).ShouldBeEmpty();
        FakeSendGrid.Problems(sendGrid.Requests[1].Body).ShouldBeEmpty();
        (await fixture.Storage.OutboxRecordAsync(InquiryMails.TakenOnOutboxId(inquiry.Reference, 1))).GetString("State").ShouldBe(OutboxState.Sent);
    }

    private static JsonElement Json(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static (InquiryMails Mails, Inquiry Inquiry, InquiryAssignment Assignment) Routed()
    {
        var tables = RoutingTablesCsv.Seed().Parse();
        var submission = new InquirySubmission(
            new OrganizationInfo("Muzeum Narodowe w Warszawie", "museum", "https://mnw.art.pl", "PL", null),
            new ContactInfo("Anna Nowak", "anna@example.org", "Digital curator", "pl"),
            ["content-donation"], "national", "informal", ["pl"], "We would like to release 5,000 scans.", true);
        var decision = Router.Route(submission, tables);
        var entity = tables.Entity(decision.Primary.Id)!;
        var reference = $"PI-TEST-{Guid.NewGuid().ToString("N")[..4].ToUpperInvariant()}-0000-0001";
        var inquiry = new Inquiry(reference, submission, InquiryStatus.Routed, TimeProvider.System.GetUtcNow());
        var assignment = new InquiryAssignment(reference, 1, decision.Primary, entity.Contact, entity.AckSlaDays, AssignmentState.Pending,
            inquiry.ReceivedAt, decision);
        var links = new ActionLinks(Options.Create(new LinkOptions { SigningKey = AppProcess.SigningKey }), TimeProvider.System);
        var mails = new InquiryMails(new MailTemplates(), Options.Create(new AppOptions()), links, TimeProvider.System,
            Options.Create(new MailOptions { ReplyToEmail = Team }));
        return (mails, inquiry, assignment);
    }

    private MailSender Sender()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new MailOptions()));
        services.AddSingleton(Options.Create(new SendGridOptions { ApiKey = "SG.integration-test-key", BaseUrl = sendGrid.BaseUrl.ToString(), BaseDelayMs = 20 }));
        services.AddSendGridTransport();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return new MailSender(new TableMailOutbox(fixture.Storage.Account), provider.GetRequiredService<SendGridTransport>(), TimeProvider.System,
            NullLogger<MailSender>.Instance);
    }
}
