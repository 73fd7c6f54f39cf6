using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Routing;

namespace PartnerIntake.RoutingBench;

/// <summary>The representative inquiries of the issue, named after what they exercise.</summary>
public enum RoutingCase
{
    /// <summary>PL, national, content-donation, informal: a chapter leads, the Foundation's GLAM team collaborates.</summary>
    PlContentDonation,

    /// <summary>US-NY, local, events: the subdivision's chapter leads (subdivision before country); no topic row.</summary>
    UsNyLocalEvents,

    /// <summary>KE, national, content-donation: no chapter, so the hub joins as a collaborator (noChapter row).</summary>
    KeContentDonation,

    /// <summary>BR, national, events, formal: the user group cannot sign, so a legal entity leads.</summary>
    BrFormalEvents,

    /// <summary>DE, global, commercial-reuse: the Foundation leads a global inquiry; the chapter collaborates.</summary>
    DeGlobalCommercial,
}

internal static class Cases
{
    public static InquirySubmission Create(RoutingCase routingCase) => routingCase switch
    {
        RoutingCase.PlContentDonation =>
            Submission("PL", null, ["content-donation"], "national", "informal", "pl"),
        RoutingCase.UsNyLocalEvents =>
            Submission("US", "US-NY", ["events"], "local", "informal", "en"),
        RoutingCase.KeContentDonation =>
            Submission("KE", null, ["content-donation"], "national", "informal", "sw"),
        RoutingCase.BrFormalEvents =>
            Submission("BR", null, ["events"], "national", "formal", "pt"),
        RoutingCase.DeGlobalCommercial =>
            Submission("DE", null, ["commercial-reuse"], "global", "informal", "de"),
        _ => throw new ArgumentOutOfRangeException(nameof(routingCase), routingCase, null),
    };

    /// <summary>Throws when the decision is not the one the case is named for.</summary>
    public static void Check(RoutingCase routingCase, RoutingDecision decision)
    {
        var (lead, collaborator) = routingCase switch
        {
            RoutingCase.PlContentDonation => ("wikimedia-polska", "wmf-culture-heritage"),
            RoutingCase.UsNyLocalEvents => ("wikimedia-nyc", null),
            RoutingCase.KeContentDonation => ("wikimedia-community-ug-kenya", "content-partnerships-hub"),
            RoutingCase.BrFormalEvents => ("wmf-region-lac", "wiki-educacao-brasil"),
            RoutingCase.DeGlobalCommercial => ("wmf-enterprise", "wikimedia-deutschland"),
            _ => throw new ArgumentOutOfRangeException(nameof(routingCase), routingCase, null),
        };
        var collaborators = string.Join(", ", decision.Collaborators.Select(c => c.Id));
        if (decision.Primary.Id != lead || (collaborator is not null && decision.Collaborators.All(c => c.Id != collaborator)))
        {
            throw new InvalidOperationException(
                $"{routingCase}: expected {lead} to lead{(collaborator is null ? "" : $" with {collaborator}")}, " +
                $"got {decision.Primary.Id} with [{collaborators}]");
        }
    }

    private static InquirySubmission Submission(
        string country, string? subdivision, string[] topics, string scale, string agreement, string language) =>
        new(
            new OrganizationInfo("Benchmark Heritage Institution", "museum", "https://example.org", country, subdivision),
            new ContactInfo("Alex Example", "alex@example.org", "Digital curator", language),
            topics,
            scale,
            agreement,
            [language],
            "We would like to release 5,000 scans of 19th-century paintings.",
            true);
}
