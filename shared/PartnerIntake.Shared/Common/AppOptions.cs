namespace PartnerIntake.Shared.Common;

public sealed class AppOptions
{
    /// <summary>The address partners and assignees reach the app at; links in e-mails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The JSON status resource (the API's Location header).</summary>
    public string StatusUrl(string reference) => $"{PublicBaseUrl.TrimEnd('/')}/api/inquiries/{Uri.EscapeDataString(reference)}";

    /// <summary>The partner's status page, for people: what e-mails link to; in the mail's language when one is given.</summary>
    public string StatusPageUrl(string reference, string? language = null) =>
        $"{PublicBaseUrl.TrimEnd('/')}/status/{Uri.EscapeDataString(reference)}"
        + (language is { Length: > 0 } ? "?culture=" + Uri.EscapeDataString(language) : "");
}
