using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.UnitTests.Support;

/// <summary>Small test-data builders: a valid default, changed with `with`.</summary>
public static class Builders
{
    public static InquirySubmission Submission(
        string country = "PL",
        string? subdivision = null,
        string[]? topics = null,
        string scale = "national",
        string agreement = "informal",
        string language = "pl") =>
        new(
            new OrganizationInfo("Muzeum Narodowe w Warszawie", "museum", "https://mnw.art.pl", country, subdivision),
            new ContactInfo("Anna Nowak", "anna@example.org", "Digital curator", language),
            topics ?? ["content-donation"],
            scale,
            agreement,
            ["pl"],
            "We would like to release 5,000 scans of 19th-century paintings.",
            true);

    public static RoutingTables SeedTables() => RoutingTablesCsv.Seed().Parse();
}
