using System.Net;
using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// The acknowledgement's withdrawal link, as far as it changes nothing: the link is in the partner's mail and language,
/// GET only asks (mail scanners prefetch), and a tampered, expired or token-less request answers a clear page and
/// leaves the inquiry as it was. What a confirmed withdrawal does is in <see cref="WithdrawalErasureTests"/>.
/// </summary>
[Collection(WithdrawalCollection.Name)]
public class WithdrawalLinkTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Theory]
    [InlineData("pl", "Zmiana planów?", "Wycofać zapytanie")]
    [InlineData("en", "Changed your mind?", "Withdraw your inquiry")]
    public async Task Acknowledgement_PartnersLanguage_CarriesTheWithdrawalLinkToAPageInThatLanguage(string language, string mailLine, string question)
    {
        var reference = await App.AcknowledgedAsync(language);

        var mail = App.Acknowledgement(reference);
        var link = App.WithdrawalLink(reference);
        using var client = new PageClient(App);
        var (page, html) = await client.GetAsync(link);

        mail.Text.ShouldContain(mailLine);
        mail.Html.ShouldContain("/withdraw/");
        link.ShouldEndWith("?culture=" + language);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(html).ShouldContain($"{question} {reference}");
    }

    [Fact]
    public async Task WithdrawPage_Get_AsksWithOneButtonAndChangesNothing()
    {
        var reference = await App.AcknowledgedAsync();
        var link = App.WithdrawalLink(reference);

        using var client = new PageClient(App);
        var (first, html) = await client.GetAsync(link);
        var (second, _) = await client.GetAsync(link); // a mail scanner's prefetch and the partner's own click

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<form method=\"post\"");
        client.Hidden.ShouldContainKey("__RequestVerificationToken");
        System.Text.RegularExpressions.Regex.Count(html, "<button").ShouldBe(1);
        await App.ShouldBeUntouchedAsync(fixture.Storage, reference);
    }

    [Fact]
    public async Task WithdrawPage_TamperedLink_ClearPageOnGetAndPostAndNothingChanged()
    {
        var reference = await App.AcknowledgedAsync("en");
        var link = App.WithdrawalLink(reference);
        var tampered = WithdrawalSteps.Tampered(link);
        using var client = new PageClient(App);
        await client.GetAsync(link);
        var form = client.Hidden; // a real antiforgery token: only the link is wrong

        var (get, getHtml) = await client.GetAsync(tampered);
        var (post, postHtml) = await client.PostAsync(tampered, form);

        foreach (var (response, html) in new[] { (get, getHtml), (post, postHtml) })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(html).ShouldContain("This withdrawal link is not valid or has expired. Nothing was changed.");
        }

        await App.ShouldBeUntouchedAsync(fixture.Storage, reference);
    }

    [Fact]
    public async Task WithdrawPage_PostWithoutTheFormsToken_RefusedAndNothingChanged()
    {
        var reference = await App.AcknowledgedAsync();
        var link = App.WithdrawalLink(reference);

        using var post = await App.Web.PostAsync(link, new FormUrlEncodedContent([]));

        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await App.ShouldBeUntouchedAsync(fixture.Storage, reference);
    }

    [Fact]
    public async Task WithdrawPage_LinkPastItsTwoYears_ClearPageAndNothingChanged()
    {
        var reference = await App.AcknowledgedAsync("en");
        var link = App.WithdrawalLink(reference);
        using var client = new PageClient(App);
        await client.GetAsync(link);
        var form = client.Hidden;

        await App.AdvanceClockToAsync((await App.NowAsync()).AddDays(731));
        var (get, _) = await client.GetAsync(link);
        var (post, html) = await client.PostAsync(link, form);

        get.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(html).ShouldContain("This withdrawal link is not valid or has expired. Nothing was changed.");
        await App.ShouldBeUntouchedAsync(fixture.Storage, reference);
    }
}
