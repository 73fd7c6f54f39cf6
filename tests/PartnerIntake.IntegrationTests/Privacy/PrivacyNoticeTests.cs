using System.Net;
using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The privacy notice through the web app: the settings' controller and retention period, in every page language.</summary>
[Collection(PrivacyAppCollection.Name)]
public sealed class PrivacyNoticeTests(PrivacyAppFixture fixture)
{
    public static TheoryData<string, string, string> Languages => new()
    {
        { "en", "ltr", "How long we keep it" },
        { "de", "ltr", "Wie lange wir sie aufbewahren" },
        { "es", "ltr", "Cuánto tiempo la conservamos" },
        { "fr", "ltr", "Combien de temps nous les conservons" },
        { "pl", "ltr", "Jak długo je przechowujemy" },
        { "pt", "ltr", "Durante quanto tempo os guardamos" },
        { "ar", "rtl", "مدة الاحتفاظ بها" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Get_PrivacyInLanguage_ShowsTheControllerAndThePeriodFromSettings(string lang, string dir, string retentionTitle)
    {
        using var client = new PageClient(fixture.App, acceptLanguage: lang);

        var (response, html) = await client.GetAsync("/privacy");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"<html lang=\"{lang}\" dir=\"{dir}\">");
        html.ShouldContain($"<h2 id=\"privacy-retention\">{retentionTitle}</h2>");
        var period = Regex.Match(html, "<p id=\"retention-period\"[^>]*>([^<]*)</p>").Groups[1].Value;
        Regex.Matches(period, $@"\b{PrivacyAppFixture.RetentionMonths}\b").Count.ShouldBe(2, period); // after receipt; after closing or the last notice
        period.ShouldNotContain("{0}");
        var controller = Regex.Match(html, "<p id=\"controller\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        controller.ShouldContain(WebUtility.HtmlEncode(PrivacyAppFixture.ControllerName)); // encoded, as any setting shown on a page
        controller.ShouldContain($"<a href=\"mailto:{PrivacyAppFixture.ControllerEmail}\" dir=\"ltr\">{PrivacyAppFixture.ControllerEmail}</a>");
        html.ShouldContain("SendGrid");
    }
}
