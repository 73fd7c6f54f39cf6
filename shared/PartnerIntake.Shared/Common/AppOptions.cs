namespace PartnerIntake.Shared.Common;

public sealed class AppOptions
{
    /// <summary>The address partners and assignees reach the app at; links in e-mails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    public string StatusUrl(string reference) => $"{PublicBaseUrl.TrimEnd('/')}/api/inquiries/{Uri.EscapeDataString(reference)}";
}
