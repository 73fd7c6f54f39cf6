namespace PartnerIntake.Shared.Common;

public sealed class AppOptions
{
    /// <summary>The web app's address (App:PublicBaseUrl): the pages partners, affiliates and operators use; links in e-mails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5071";

    /// <summary>The Functions app's address (App:ApiBaseUrl): the JSON API.</summary>
    public string ApiBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>The JSON status resource (the API's Location header).</summary>
    public string StatusUrl(string reference) => $"{ApiBaseUrl.TrimEnd('/')}/api/inquiries/{Uri.EscapeDataString(reference)}";

    /// <summary>The page behind an assignment e-mail's signed link (GET confirms, POST acts).</summary>
    public string AssignmentActionUrl(string token) => $"{PublicBaseUrl.TrimEnd('/')}/assignments/{token}";

    /// <summary>The unsubscribe page behind an impact report's signed link (GET shows, RFC 8058 one-click POST acts).</summary>
    public string UnsubscribeUrl(string token) => $"{PublicBaseUrl.TrimEnd('/')}/unsubscribe/{token}";

    /// <summary>The partner's status page, for people: what e-mails link to; in the mail's language when one is given.</summary>
    public string StatusPageUrl(string reference, string? language = null) =>
        $"{PublicBaseUrl.TrimEnd('/')}/status/{Uri.EscapeDataString(reference)}"
        + (language is { Length: > 0 } ? "?culture=" + Uri.EscapeDataString(language) : "");
}
