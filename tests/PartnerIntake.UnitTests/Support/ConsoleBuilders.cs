using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Console;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Support;

/// <summary>Test data for the console's read side.</summary>
public static class ConsoleBuilders
{
    /// <summary>A well-formed, random reference.</summary>
    public static string Reference() => InquiryReference.New();

    public static Inquiry Inquiry(
        DateTimeOffset receivedAt,
        string status = InquiryStatus.Received,
        string country = "PL",
        string[]? topics = null,
        string organization = "Muzeum Narodowe w Warszawie",
        AssigneeSummary? assignee = null,
        string? reference = null) =>
        new(reference ?? Reference(), Builders.Submission(country: country, topics: topics) with
        {
            Organization = new OrganizationInfo(organization, "museum", "https://mnw.art.pl", country, null),
        }, status, receivedAt, Assignee: assignee);

    public static InquiryAssignment Assignment(string reference, int sequence, DateTimeOffset createdAt, string state = AssignmentState.Pending)
    {
        var primary = new EntityRef("wikimedia-polska", "Wikimedia Polska", EntityKind.Chapter);
        var decision = new RoutingDecision(primary, [], [new MatchedRule("region", new Dictionary<string, string> { ["country"] = "PL" }, "wikimedia-polska")], [], "v-test");
        return new InquiryAssignment(reference, sequence, primary, "polska@example.org", 5, state, createdAt, decision);
    }

    public static SentMail Mail(string outboxId, string kind = MailKinds.Assignment, string? deliveryStatus = null, DateTimeOffset? createdAt = null) =>
        new(new MailRecord(outboxId, kind, "polska@example.org", "Wikimedia Polska", "Subject", "en", OutboxState.Sent, 1, createdAt, createdAt,
            null, deliveryStatus, null, null), []);

    public static Donation Donation(string id, DateTimeOffset recordedAt, string institution = "Muzeum Narodowe w Warszawie") =>
        new(id, new DonationSubmission(
            new InstitutionInfo(institution, "PL", "https://mnw.art.pl"),
            new DonorContact("Anna Nowak", "anna@example.org", "pl"),
            new CollectionInfo("19th-century paintings", "Category:Paintings in the National Museum in Warsaw", 5000, "CC BY-SA 4.0"),
            new DateOnly(2026, 11, 1),
            institution + ", CC BY-SA 4.0",
            null,
            null), recordedAt);
}
