using System.Text;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Console;

public class InquiryBrowserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly InMemoryInquiryStore inquiries = new();
    private readonly InMemoryAssignmentStore assignments = new();
    private readonly InMemoryAuditTrail audit = new();
    private readonly FakeDuplicateLookup duplicates = new();
    private readonly FakeMailRecords mails = new();
    private InMemoryInquiryQueries? queries;

    [Fact]
    public async Task ListAsync_ManyInquiries_NewestFirstInPagesOf25()
    {
        var stored = Enumerable.Range(0, 60).Select(i => Add(ConsoleBuilders.Inquiry(Now.AddHours(-i)))).ToList();

        var first = await CreateSut().ListAsync(new InquiryFilter(), 1, InquiryBrowser.DefaultPageSize, default);
        var third = await CreateSut().ListAsync(new InquiryFilter(), 3, InquiryBrowser.DefaultPageSize, default);

        first.Items.Select(i => i.Row.Reference).ShouldBe(stored.Take(25).Select(i => i.Reference));
        first.Total.ShouldBe(60);
        first.TotalPages.ShouldBe(3);
        first.HasPrevious.ShouldBeFalse();
        first.HasNext.ShouldBeTrue();
        third.Items.Select(i => i.Row.Reference).ShouldBe(stored.Skip(50).Select(i => i.Reference));
        third.HasNext.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(99, 2)]
    public async Task ListAsync_PageOutOfRange_ClampedToThePagesThereAre(int asked, int expected)
    {
        for (var i = 0; i < 30; i++)
        {
            Add(ConsoleBuilders.Inquiry(Now.AddHours(-i)));
        }

        var page = await CreateSut().ListAsync(new InquiryFilter(), asked, 25, default);

        page.Page.ShouldBe(expected);
        page.Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ListAsync_NoInquiries_OneEmptyPage()
    {
        var page = await CreateSut().ListAsync(new InquiryFilter(), 1, 25, default);

        page.Items.ShouldBeEmpty();
        page.TotalPages.ShouldBe(1);
        page.HasNext.ShouldBeFalse();
    }

    [Fact]
    public async Task ListAsync_Items_CarryTheOrganisationFromTheDocument()
    {
        Add(ConsoleBuilders.Inquiry(Now, organization: "Biblioteka Narodowa"));

        var page = await CreateSut().ListAsync(new InquiryFilter(), 1, 25, default);

        page.Items.Single().OrganizationName.ShouldBe("Biblioteka Narodowa");
        page.Items.Single().OrganizationType.ShouldBe("museum");
    }

    [Fact]
    public async Task ListAsync_Filter_NormalisedBeforeTheQuery()
    {
        await CreateSut().ListAsync(new InquiryFilter(Status: " Routed ", Country: "pl", Topic: "", AssignedEntityId: "  "), 1, 25, default);

        queries!.Filters.Single().ShouldBe(new InquiryFilter(Status: "routed", Country: "PL"));
    }

    [Fact]
    public async Task ListAsync_Filters_OnlyMatchingInquiries()
    {
        var polska = new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", "chapter");
        var match = Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), InquiryStatus.Routed, "PL", ["education", "data"], assignee: polska));
        Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), InquiryStatus.Received, "PL", ["data"]));
        Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), InquiryStatus.Routed, "FR", ["data"], assignee: polska));
        Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), InquiryStatus.Routed, "PL", ["education"], assignee: polska));
        Add(ConsoleBuilders.Inquiry(Now.AddDays(-9), InquiryStatus.Routed, "PL", ["data"], assignee: polska));

        var page = await CreateSut().ListAsync(
            new InquiryFilter("routed", "pl", "data", "wikimedia-polska", DateOnly.FromDateTime(Now.AddDays(-2).UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime)),
            1, 25, default);

        page.Items.Select(i => i.Row.Reference).ShouldBe([match.Reference]);
    }

    [Fact]
    public void Matches_DateRange_BothEndsIncludedAsWholeUtcDays()
    {
        var filter = new InquiryFilter(ReceivedFrom: new DateOnly(2026, 11, 1), ReceivedTo: new DateOnly(2026, 11, 2));

        filter.Matches(Row(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))).ShouldBeTrue();
        filter.Matches(Row(new DateTimeOffset(2026, 11, 2, 23, 59, 59, TimeSpan.Zero))).ShouldBeTrue();
        filter.Matches(Row(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero))).ShouldBeFalse();
        filter.Matches(Row(new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero))).ShouldBeFalse();
        // 00:30 on the 3rd in Warsaw is 23:30 UTC on the 2nd.
        filter.Matches(Row(new DateTimeOffset(2026, 11, 3, 0, 30, 0, TimeSpan.FromHours(1)))).ShouldBeTrue();
    }

    [Fact]
    public async Task ListAsync_QueryTruncated_Reported()
    {
        var page = await CreateSut(new TruncatingQueries()).ListAsync(new InquiryFilter(), 1, 25, default);

        page.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task ExportCsvAsync_Inquiries_HeaderThenNewestFirstWithoutContactData()
    {
        var older = Add(ConsoleBuilders.Inquiry(Now.AddDays(-3), topics: ["data", "education"]));
        var newer = Add(ConsoleBuilders.Inquiry(Now.AddDays(-1), InquiryStatus.Routed,
            assignee: new AssigneeSummary("wikimedia-polska", "Wikimedia Polska", "chapter")) with { RoutedAt = Now.AddHours(-20) });

        var (csv, truncated) = await ExportAsync();

        truncated.ShouldBeFalse();
        csv.ShouldNotContain("anna@example.org");
        csv.ShouldNotContain("Anna Nowak");
        var rows = Csv.Parse(csv).Rows;
        rows[0].Fields.ShouldBe(InquiryBrowser.CsvColumns);
        rows.Skip(1).Select(r => r.Fields[0]).ShouldBe([newer.Reference, older.Reference]);
        var row = rows[1].Fields;
        Field(row, "received_at").ShouldBe("2026-11-20T09:00:00Z");
        Field(row, "status").ShouldBe("routed");
        Field(row, "organization").ShouldBe("Muzeum Narodowe w Warszawie");
        Field(row, "assignee_id").ShouldBe("wikimedia-polska");
        Field(row, "routed_at").ShouldBe("2026-11-20T13:00:00Z");
        Field(row, "accepted_at").ShouldBe("");
        Field(rows[2].Fields, "topics").ShouldBe("data;education");
        csv.ShouldEndWith("\r\n");
    }

    [Fact]
    public async Task ExportCsvAsync_NonLatinName_Utf8WithByteOrderMarkForSpreadsheets()
    {
        Add(ConsoleBuilders.Inquiry(Now, organization: "متحف الفن الإسلامي"));
        using var output = new MemoryStream();

        await CreateSut().ExportCsvAsync(new InquiryFilter(), output, default);

        output.ToArray()[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Field(Csv.Parse(Encoding.UTF8.GetString(output.ToArray())).Rows[1].Fields, "organization").ShouldBe("متحف الفن الإسلامي");
    }

    [Fact]
    public async Task ExportCsvAsync_FormulaInOrganisationName_Neutralised()
    {
        Add(ConsoleBuilders.Inquiry(Now, organization: "=HYPERLINK(\"http://evil.example\",\"click\")"));

        var (csv, _) = await ExportAsync();

        Field(Csv.Parse(csv).Rows[1].Fields, "organization").ShouldBe("'=HYPERLINK(\"http://evil.example\",\"click\")");
    }

    [Fact]
    public async Task GetDetailAsync_KnownInquiry_GathersEverythingKeptAboutIt()
    {
        var inquiry = Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), InquiryStatus.Routed));
        var other = ConsoleBuilders.Reference();
        assignments.Items.Add(ConsoleBuilders.Assignment(inquiry.Reference, 2, Now.AddDays(-1)));
        assignments.Items.Add(ConsoleBuilders.Assignment(inquiry.Reference, 1, Now.AddDays(-2), AssignmentState.Redirected));
        assignments.Items.Add(ConsoleBuilders.Assignment(other, 1, Now));
        await audit.AppendOnceAsync(new AuditEntry(inquiry.Reference, AuditKeys.Assigned(1), Now.AddDays(-2), "function:RouteInquiry", "assigned", 1, null,
            AssignmentState.Pending, null, "queue"), default);
        duplicates.Links[inquiry.Reference] = [new LinkedInquiry(other, Now.AddDays(-40), "organisation")];
        mails.Mails.Add(ConsoleBuilders.Mail(inquiry.Reference + ".assignment.1", deliveryStatus: "delivered"));
        mails.Mails.Add(ConsoleBuilders.Mail(other + ".assignment.1"));

        var detail = (await CreateSut().GetDetailAsync(inquiry.Reference, default)).ShouldNotBeNull();

        detail.Inquiry.ShouldBe(inquiry);
        detail.Progress.Status.ShouldBe(InquiryStatus.Routed);
        detail.Assignments.Select(a => a.Sequence).ShouldBe([1, 2]);
        detail.Routing.ShouldBe(detail.Assignments[0].Decision);
        detail.Current!.Sequence.ShouldBe(2);
        detail.AuditTrail.Single().Action.ShouldBe("assigned");
        detail.LinkedInquiries.Single().Reference.ShouldBe(other);
        detail.Mails.Single().Record.DeliveryStatus.ShouldBe("delivered");
        detail.Unreadable.ShouldBeFalse();
    }

    [Theory]
    [InlineData("PI-0000-0000-0000-0000")]
    [InlineData("not-a-reference")]
    [InlineData("PI-0000-0000-0000-0000' or 1 eq 1")]
    public async Task GetDetailAsync_UnknownOrMalformed_Null(string reference)
    {
        (await CreateSut().GetDetailAsync(reference, default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_StateOverdue_OnlyInquiriesWhoseAssignmentIsPastItsSla()
    {
        var late = Add(ConsoleBuilders.Inquiry(Now.AddDays(-9), status: InquiryStatus.Routed));
        var onTime = Add(ConsoleBuilders.Inquiry(Now.AddDays(-1), status: InquiryStatus.Routed));
        attention.Rows.Add(new AttentionRow(late.Reference, InquiryStatus.Routed, AssignmentState.Pending, Now.AddHours(-1), 0, 0));
        attention.Rows.Add(new AttentionRow(onTime.Reference, InquiryStatus.Routed, AssignmentState.Pending, Now.AddDays(4), 0, 0));

        var overdue = await CreateSut().ListAsync(new InquiryFilter(State: WorkState.Overdue), 1, 25, default);
        var awaiting = await CreateSut().ListAsync(new InquiryFilter(State: WorkState.Awaiting), 1, 25, default);

        overdue.Items.Select(i => i.Row.Reference).ShouldBe([late.Reference]);
        awaiting.Items.Select(i => i.Row.Reference).ShouldBe([onTime.Reference]);
    }

    [Fact]
    public async Task ListAsync_StateFailed_RoutingFailuresAndInquiriesWithFailedOrBouncedMail()
    {
        var routingFailed = Add(ConsoleBuilders.Inquiry(Now.AddDays(-3), status: InquiryStatus.Failed));
        var bounced = Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), status: InquiryStatus.Routed));
        var fine = Add(ConsoleBuilders.Inquiry(Now.AddDays(-1), status: InquiryStatus.Routed));
        attention.Rows.Add(new AttentionRow(routingFailed.Reference, InquiryStatus.Failed, null, null, 0, 0));
        attention.Rows.Add(new AttentionRow(bounced.Reference, InquiryStatus.Routed, AssignmentState.Pending, Now.AddDays(3), 0, 1));
        attention.Rows.Add(new AttentionRow(fine.Reference, InquiryStatus.Routed, AssignmentState.Pending, Now.AddDays(3), 0, 0));

        var page = await CreateSut().ListAsync(new InquiryFilter(State: WorkState.Failed), 1, 25, default);

        page.Items.Select(i => i.Row.Reference).ShouldBe([bounced.Reference, routingFailed.Reference]);
    }

    [Fact]
    public async Task ListAsync_Search_ReadsDocumentsAndMatchesOrganisationOrReference()
    {
        var museum = Add(ConsoleBuilders.Inquiry(Now.AddDays(-2), organization: "Brooklyn Museum"));
        var library = Add(ConsoleBuilders.Inquiry(Now.AddDays(-1), organization: "Biblioteka Narodowa"));

        var byName = await CreateSut().ListAsync(new InquiryFilter(Search: "brooklyn"), 1, 25, default);
        var byReference = await CreateSut().ListAsync(new InquiryFilter(Search: library.Reference[3..12].ToLowerInvariant()), 1, 25, default);

        byName.Items.Select(i => i.Row.Reference).ShouldBe([museum.Reference]);
        byReference.Items.Select(i => i.Row.Reference).ShouldBe([library.Reference]);
    }

    private readonly FakeAttentionSource attention = new();

    private InquiryBrowser CreateSut(IInquiryQueries? query = null)
    {
        queries = new InMemoryInquiryQueries(inquiries);
        return new InquiryBrowser(query ?? queries, inquiries, assignments, audit, duplicates, mails, attention, new FakeTimeProvider(Now));
    }

    private sealed class FakeAttentionSource : IAttentionSource
    {
        public List<AttentionRow> Rows { get; } = [];

        public Task<(IReadOnlyList<AttentionRow> Rows, bool Truncated)> ReadAttentionAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<AttentionRow>, bool)>((Rows, false));
    }

    private Inquiry Add(Inquiry inquiry)
    {
        inquiries.Items[inquiry.Reference] = inquiry;
        return inquiry;
    }

    private async Task<(string Csv, bool Truncated)> ExportAsync()
    {
        using var output = new MemoryStream();
        var truncated = await CreateSut().ExportCsvAsync(new InquiryFilter(), output, default);
        return (Encoding.UTF8.GetString(output.ToArray()), truncated);
    }

    private static string Field(IReadOnlyList<string> row, string column) => row[InquiryBrowser.CsvColumns.ToList().IndexOf(column)];

    private static InquiryRow Row(DateTimeOffset receivedAt) => new("PI-0000-0000-0000-0000", "received", receivedAt, "PL", ["data"], null, null, null, null);

    private sealed class TruncatingQueries : IInquiryQueries
    {
        public Task<(IReadOnlyList<InquiryRow> Rows, bool Truncated)> FindAsync(InquiryFilter filter, bool withSubmissions, int maxRows, CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<InquiryRow>, bool)>(([Row(Now)], true));
    }
}
