using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests;

/// <summary>
/// An affiliate's free-text reason (redirect, decline) reaches the next assignees and the operators, never the public
/// status (API and page, no login), which says only who has the inquiry and how it got there.
/// </summary>
[Collection(LifecycleCollection.Name)]
public class PublicStatusPrivacyTests(AppFixture fixture)
{
    private const string Reason = "Ask Jan Kowalski-Zebrowski (jan.k@example.org) XYZZY-42, internal: board said no.";

    private AppProcess App => fixture.App;

    [Theory]
    [InlineData("Decline", "declined by Wikimedia Polska")]
    [InlineData("Redirect to another entity", "redirected by Wikimedia Polska")]
    public async Task StatusApiAndPage_AfterHandOnWithAReason_ShowWhoHasItButNotTheReason(string link, string publicly)
    {
        var reference = await App.RoutedAsync();
        var fields = new Dictionary<string, string> { ["reason"] = Reason };
        if (link.StartsWith("Redirect", StringComparison.Ordinal))
        {
            fields["redirectTo"] = "wikimedia-deutschland";
        }

        using var post = await App.PostLinkAsync(App.Link(reference, 1, link), fields);
        post.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var api = await App.Http.GetAsync($"/api/inquiries/{reference}");
        var json = await api.Content.ReadAsStringAsync();
        using var page = await App.Web.GetAsync($"/status/{reference}");
        var html = await page.Content.ReadAsStringAsync();

        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.ShouldContain(publicly);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var text in new[] { json, html })
        {
            text.ShouldNotContain("XYZZY-42");
            text.ShouldNotContain("Kowalski");
            text.ShouldNotContain("jan.k@example.org");
        }

        // Where it is needed it stays: the next assignee's mail and the operators' trail.
        Eml.Read(Path.Combine(App.OutboxPath, $"{reference}.assignment.2.eml")).Text.ShouldContain("XYZZY-42");
        (await App.TrailAsync(reference)).ToString().ShouldContain("XYZZY-42");
    }

    [Theory]
    [InlineData("Decline")]
    [InlineData("Redirect to another entity")]
    public async Task DeclineAndRedirectPages_Form_SayWhoSeesTheReason(string link)
    {
        var reference = await App.RoutedAsync();

        var url = App.Link(reference, 1, link);
        using var page = await App.Web.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=en");
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Only the entities the inquiry is handed on to and the partnerships team running this service see it");
        html.ShouldContain("the partner's status page does not show it");
    }
}
