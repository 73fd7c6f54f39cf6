using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Routing;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Privacy;

public class AcknowledgementWithdrawalLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("pl")]
    [InlineData("pt")]
    [InlineData("ar")]
    public void Acknowledgement_AnyLanguage_CarriesAValidWithdrawalLinkInTheirLanguage(string language)
    {
        var links = Links();
        var inquiry = ConsoleBuilders.Inquiry(Now) with { Submission = Builders.Submission(language: language) };
        var assignment = ConsoleBuilders.Assignment(inquiry.Reference, 1, Now);

        var mail = CreateSut(links).Acknowledgement(inquiry, assignment);

        var url = System.Text.RegularExpressions.Regex.Match(mail.Text, @"https://partners\.example\.org/withdraw/(?<token>[A-Za-z0-9_.-]+)\?culture=" + language).ShouldNotBeNull();
        url.Success.ShouldBeTrue(mail.Text);
        mail.Html.ShouldContain($"href=\"{url.Value.Replace("=", "&#x3D;", StringComparison.Ordinal)}\""); // the HTML encoder writes = as &#x3D;
        WithdrawalLinks.Verify(links, url.Groups["token"].Value).ShouldBe((LinkCheck.Valid, inquiry.Reference));
    }

    private static ActionLinks Links() => new(Options.Create(new LinkOptions { SigningKey = new string('k', 32) }), new FakeTimeProvider(Now));

    private InquiryMails CreateSut(ActionLinks links) =>
        new(new MailTemplates(), Options.Create(new AppOptions { PublicBaseUrl = "https://partners.example.org" }), links, time,
            Options.Create(new MailOptions { FromEmail = "sender@example.org" }));
}
