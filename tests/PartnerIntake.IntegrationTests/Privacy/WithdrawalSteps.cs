using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The partner's side of a withdrawal: an inquiry routed with its acknowledgement sent, the link it carries, and what must not change.</summary>
public static partial class WithdrawalSteps
{
    /// <summary>Routes an inquiry from a partner writing in <paramref name="language"/> and waits for their acknowledgement.</summary>
    public static async Task<string> AcknowledgedAsync(this AppProcess app, string language = "pl")
    {
        var reference = await app.SubmitValidAsync(Inquiries.With(n => n["contact"]!["language"] = language));
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(AcknowledgementPath(app, reference)) && File.Exists(AssignmentPath(app, reference))),
            TimeSpan.FromSeconds(15), "acknowledgement and assignment e-mails sent");
        return reference;
    }

    public static Eml Acknowledgement(this AppProcess app, string reference) => Eml.Read(AcknowledgementPath(app, reference));

    /// <summary>The withdrawal link's path and query (/withdraw/{token}?culture=xx) as the acknowledgement's text carries it.</summary>
    public static string WithdrawalLink(this AppProcess app, string reference)
    {
        var match = WithdrawUrl().Match(app.Acknowledgement(reference).Text);
        match.Success.ShouldBeTrue("the acknowledgement carries a withdrawal link");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>
    /// The same link with its signature's first character changed (not its last: in base64url that one may carry only
    /// padding bits, so changing it can decode to the same signature).
    /// </summary>
    public static string Tampered(string link)
    {
        var cut = link.IndexOf('?', StringComparison.Ordinal) is > 0 and var q ? q : link.Length;
        var at = link.LastIndexOf('.', cut - 1) + 1;
        var flipped = link[at] == 'A' ? 'B' : 'A';
        return link[..at] + flipped + link[(at + 1)..];
    }

    public static string WithdrawnMailPath(this AppProcess app, string reference) => Path.Combine(app.OutboxPath, $"{reference}.withdrawn.1.eml");

    /// <summary>Nothing a withdrawal does happened: still routed, no outcome, no withdrawn mail, no audit entry.</summary>
    public static async Task ShouldBeUntouchedAsync(this AppProcess app, StorageProbe storage, string reference)
    {
        (await app.StatusAsync(reference)).GetProperty("status").GetString().ShouldBe("routed");
        var row = await storage.Table(TableNames.Inquiries).GetEntityAsync<Azure.Data.Tables.TableEntity>(reference, TableInquiryStore.RowKey);
        row.Value.GetString("Outcome").ShouldBeNull();
        row.Value.GetString("Document").ShouldNotBeNull().ShouldContain("anna@example.org");
        File.Exists(app.WithdrawnMailPath(reference)).ShouldBeFalse();
        (await storage.CountRowsAsync(TableNames.OperatorActions, "inquiry:" + reference)).ShouldBe(0);
    }

    private static string AcknowledgementPath(AppProcess app, string reference) => Path.Combine(app.OutboxPath, $"{reference}.acknowledgement.eml");

    private static string AssignmentPath(AppProcess app, string reference) => Path.Combine(app.OutboxPath, $"{reference}.assignment.1.eml");

    [GeneratedRegex(@"https?://[^\s]+/withdraw/[A-Za-z0-9_.-]+\?culture=[a-z]{2}")]
    private static partial Regex WithdrawUrl();
}
