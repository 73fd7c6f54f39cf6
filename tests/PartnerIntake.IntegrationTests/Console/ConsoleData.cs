using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>Test data for the console's storage tests, written through the app's own adapters.</summary>
public static class ConsoleData
{
    public static InquirySubmission Submission(string country = "PL", string[]? topics = null, string organization = "Muzeum Narodowe w Warszawie") =>
        new(
            new OrganizationInfo(organization, "museum", "https://mnw.art.pl", country, null),
            new ContactInfo("Anna Nowak", "anna@example.org", "Digital curator", "pl"),
            topics ?? ["content-donation"],
            "national",
            "informal",
            ["pl"],
            "We would like to release 5,000 scans of 19th-century paintings.",
            true);

    public static async Task<string> InsertInquiryAsync(IInquiryStore store, DateTimeOffset receivedAt, string country = "PL", string[]? topics = null,
        string organization = "Muzeum Narodowe w Warszawie")
    {
        var reference = InquiryReference.New();
        await store.InsertAsync(new Inquiry(reference, Submission(country, topics, organization), InquiryStatus.Received, receivedAt), default);
        return reference;
    }

    public static InquiryAssignment Assignment(string reference, int sequence, DateTimeOffset createdAt, string entityId = "wikimedia-polska", string kind = EntityKind.Chapter)
    {
        var primary = new EntityRef(entityId, "Wikimedia Polska", kind);
        var decision = new RoutingDecision(primary, [], [new MatchedRule("region", new Dictionary<string, string> { ["country"] = "PL" }, entityId)], [], "v-test");
        return new InquiryAssignment(reference, sequence, primary, "polska@example.org", 5, AssignmentState.Pending, createdAt, decision)
        {
            EscalationDueAt = createdAt.AddDays(5),
        };
    }
}
