using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Routing;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>The inquiry browser over the real table adapters on Azurite. Each test isolates its rows by a unique assignee id.</summary>
[Collection(ConsoleStorageCollection.Name)]
public class InquiryBrowserStorageTests(ConsoleStorageFixture fixture)
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    private TableInquiryStore Inquiries => new(fixture.Account);

    [Fact]
    public async Task FindAsync_Filter_StatusCountryAssigneeAndDatesByTheServiceTopicHere()
    {
        var entity = UniqueEntity();
        var day = DateOnly.FromDateTime(Now.AddDays(-3).UtcDateTime);
        var match = await RoutedAsync(entity, Now.AddDays(-3), "PL", ["education", "data"]);
        await RoutedAsync(entity, Now.AddDays(-3), "FR", ["data"]);
        await RoutedAsync(entity, Now.AddDays(-3), "PL", ["education"]);
        await RoutedAsync(entity, Now.AddDays(-10), "PL", ["data"]);
        await ConsoleData.InsertInquiryAsync(Inquiries, Now.AddDays(-3), "PL", ["data"]); // not routed

        var (rows, truncated) = await CreateSut().FindAsync(
            new InquiryFilter(InquiryStatus.Routed, "PL", "data", entity, day, day), withSubmissions: false, 100, default);

        rows.Select(r => r.Reference).ShouldBe([match]);
        truncated.ShouldBeFalse();
        var row = rows[0];
        row.Assignee.ShouldBe(new AssigneeSummary(entity, "Test entity", EntityKind.Chapter));
        row.Topics.ShouldBe(["education", "data"]);
        row.RoutedAt.ShouldNotBeNull();
        row.Submission.ShouldBeNull();
    }

    [Fact]
    public async Task FindAsync_WithSubmissions_DocumentsRead()
    {
        var entity = UniqueEntity();
        await RoutedAsync(entity, Now, "PL", ["data"], organization: "Biblioteka Narodowa");

        var (rows, _) = await CreateSut().FindAsync(new InquiryFilter(AssignedEntityId: entity), withSubmissions: true, 100, default);

        rows.Single().Submission!.Organization.Name.ShouldBe("Biblioteka Narodowa");
    }

    [Fact]
    public async Task FindAsync_MoreMatchesThanMaxRows_TruncatedSaysSo()
    {
        var entity = UniqueEntity();
        for (var i = 0; i < 3; i++)
        {
            await RoutedAsync(entity, Now.AddMinutes(-i), "PL", ["data"]);
        }

        var (rows, truncated) = await CreateSut().FindAsync(new InquiryFilter(AssignedEntityId: entity), false, 2, default);
        var (all, notTruncated) = await CreateSut().FindAsync(new InquiryFilter(AssignedEntityId: entity), false, 3, default);

        rows.Count.ShouldBe(2);
        truncated.ShouldBeTrue();
        all.Count.ShouldBe(3);
        notTruncated.ShouldBeFalse();
    }

    [Fact]
    public async Task FindAsync_FilterValueWithQuotes_MatchesNothingAndInjectsNothing()
    {
        var entity = UniqueEntity();
        await RoutedAsync(entity, Now, "PL", ["data"]);

        var (rows, _) = await CreateSut().FindAsync(
            new InquiryFilter(Country: "PL' or RowKey eq 'inquiry", AssignedEntityId: entity + "' or RowKey ne '"), false, 100, default);

        rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetDetailAsync_RoutedInquiry_AssignmentsAuditDuplicatesAndMailsFromStorage()
    {
        var organization = "Detail museum " + Guid.NewGuid().ToString("N")[..8];
        var inquiries = Inquiries;
        var reference = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-2), organization: organization);
        var later = await ConsoleData.InsertInquiryAsync(inquiries, Now.AddDays(-1), organization: organization);
        var index = new TableDuplicateIndex(fixture.Account);
        await index.LinkAsync((await inquiries.GetAsync(reference, default))!, "Wikimedia Polska", default);
        await index.LinkAsync((await inquiries.GetAsync(later, default))!, "Wikimedia Polska", default);
        var assignments = new TableAssignmentStore(fixture.Account);
        await assignments.CreateOnceAsync(ConsoleData.Assignment(reference, 1, Now.AddDays(-2)), default);
        var audit = new TableAuditTrail(fixture.Account);
        await audit.AppendOnceAsync(new AuditEntry(reference, AuditKeys.Assigned(1), Now.AddDays(-2), "function:RouteInquiry", "assigned", 1, null,
            AssignmentState.Pending, null, "queue"), default);
        var outbox = new TableMailOutbox(fixture.Account);
        var mail = new OutboundMail(reference + ".assignment.1", MailKinds.Assignment, new Recipient("polska@example.org", "Wikimedia Polska"),
            "New inquiry", "text", "<p>html</p>", "en");
        await outbox.AddClaimedOrGetAsync(mail, Now.AddDays(-2), Now.AddDays(-2).AddMinutes(2), default);
        await outbox.SettleAsync([new MailSettlement(mail.OutboxId, Now.AddDays(-2), "sg-1", null)], default);
        await outbox.RecordDeliveryAsync(mail.OutboxId, MailEventTypes.Delivered, Now.AddDays(-2).AddMinutes(1), default);
        await new TableMailEvents(fixture.Account).AddAsync(new MailEvent("ev-" + Guid.NewGuid().ToString("N"), MailEventTypes.Delivered,
            Now.AddDays(-2).AddMinutes(1), mail.OutboxId, "sg-1.x", null, null, "250", null), Now, default);
        await outbox.AddClaimedOrGetAsync(mail with { OutboxId = later + ".assignment.1" }, Now, Now.AddMinutes(2), default);

        var detail = (await Browser().GetDetailAsync(reference, default)).ShouldNotBeNull();

        detail.Inquiry!.Submission.Organization.Name.ShouldBe(organization);
        detail.Assignments.Single().Decision.TablesVersion.ShouldBe("v-test");
        detail.Routing!.Primary.Id.ShouldBe("wikimedia-polska");
        detail.AuditTrail.Single().Actor.ShouldBe("function:RouteInquiry");
        detail.LinkedInquiries.Select(l => (l.Reference, l.Matched)).ShouldBe([(later, "organisation")]);
        var sent = detail.Mails.Single();
        sent.Record.OutboxId.ShouldBe(reference + ".assignment.1");
        sent.Record.State.ShouldBe(OutboxState.Sent);
        sent.Record.ProviderMessageId.ShouldBe("sg-1");
        sent.Record.DeliveryStatus.ShouldBe(MailEventTypes.Delivered);
        sent.Record.Subject.ShouldBe("New inquiry");
        sent.Events.Single().SmtpStatus.ShouldBe("250");
    }

    [Fact]
    public async Task ListAsync_RealTables_NewestFirstWithOrganisationNames()
    {
        var entity = UniqueEntity();
        var older = await RoutedAsync(entity, Now.AddHours(-5), "PL", ["data"], organization: "Older");
        var newer = await RoutedAsync(entity, Now.AddHours(-1), "PL", ["data"], organization: "Newer");

        var page = await Browser().ListAsync(new InquiryFilter(AssignedEntityId: entity), 1, 25, default);

        page.Items.Select(i => (i.Row.Reference, i.OrganizationName)).ShouldBe([(newer, "Newer"), (older, "Older")]);
    }

    private InquiryBrowser Browser() => new(CreateSut(), Inquiries, new TableAssignmentStore(fixture.Account), new TableAuditTrail(fixture.Account),
        new TableDuplicateIndex(fixture.Account), new TableMailRecords(fixture.Account));

    private TableInquiryQueries CreateSut() => new(fixture.Account);

    private static string UniqueEntity() => "test-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> RoutedAsync(string entity, DateTimeOffset receivedAt, string country, string[] topics, string organization = "Muzeum")
    {
        var reference = await ConsoleData.InsertInquiryAsync(Inquiries, receivedAt, country, topics, organization);
        await Inquiries.MarkRoutedAsync(reference, new AssigneeSummary(entity, "Test entity", EntityKind.Chapter), "explained", receivedAt.AddMinutes(1), default);
        return reference;
    }
}
