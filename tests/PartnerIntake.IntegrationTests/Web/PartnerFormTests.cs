using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests.Web;

/// <summary>The partner form over plain HTTP, as a browser without JavaScript uses it.</summary>
[Collection(WebCollection.Name)]
public class PartnerFormTests(WebAppFixture fixture)
{
    private static int clients;

    private AppProcess App => fixture.App;

    /// <summary>Each test its own client address, so rate-limit buckets do not leak between tests.</summary>
    private PageClient NewClient(string? acceptLanguage = null) =>
        new(App, $"198.51.100.{Interlocked.Increment(ref clients)}", acceptLanguage);

    [Fact]
    public async Task Get_Form_EveryControlHasALabelAndContractFieldNames()
    {
        using var client = NewClient();

        var (response, html) = await client.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var name in new[] { "organization.name", "organization.type", "organization.website", "organization.country",
                     "organization.subdivision", "contact.name", "contact.email", "contact.role", "contact.language", "topics", "scale",
                     "agreement", "contentLanguages", "message", "consent" })
        {
            html.ShouldContain($"name=\"{name}\"");
        }

        var ids = Regex.Matches(html, @"<(?:input|select|textarea)(?![^>]*type=""hidden"")[^>]*\sid=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        ids.Count.ShouldBeGreaterThan(30);
        foreach (var id in ids)
        {
            html.ShouldContain($"<label for=\"{id}\"", customMessage: $"control #{id} has no label");
        }

        html.ShouldContain("<legend>"); // related controls grouped
    }

    [Fact]
    public async Task Post_ValidForm_RedirectsToConfirmationStoresAndRoutes()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the minimum fill time in this collection is 1 s

        var (response, _) = await client.PostAsync("/", FormFields.Valid());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        var reference = Regex.Match(location, "^/confirmation/(PI-[0-9A-Z-]+)$").Groups[1].Value;
        reference.ShouldNotBeEmpty(location);
        var (confirmation, confirmationHtml) = await client.GetAsync(location);
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmationHtml.ShouldContain(reference);
        confirmationHtml.ShouldContain($"href=\"/status/{reference}\"");

        var stored = await App.StatusAsync(reference);
        stored.GetProperty("reference").GetString().ShouldBe(reference);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        var (status, statusHtml) = await client.GetAsync($"/status/{reference}");
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        statusHtml.ShouldContain("Wikimedia Polska");

        // The acknowledgement links to the status page in the partner's language (Polish, chosen on the form).
        var acknowledgement = Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(acknowledgement)), TimeSpan.FromSeconds(10), "acknowledgement sent");
        var link = $"/status/{reference}?culture=pl";
        Eml.Read(acknowledgement).Text.ShouldContain(link);
        var (_, polish) = await client.GetAsync(link);
        polish.ShouldContain("<html lang=\"pl\"");
    }

    [Fact]
    public async Task Post_WebsiteWithoutScheme_AcceptedAsHttps()
    {
        using var client = NewClient();
        var (_, form) = await client.GetAsync("/");
        form.ShouldContain("type=\"text\" inputmode=\"url\" id=\"organization-website\""); // no browser refusal first
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var fields = FormFields.Valid("Schemeless Website Museum")
            .Select(f => f.Key == "organization.website" ? new KeyValuePair<string, string>(f.Key, "www.schemeless-museum.example") : f)
            .ToList();

        var (response, _) = await client.PostAsync("/", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/confirmation/PI-");
    }

    [Fact]
    public async Task Post_SameFormTwice_OneInquiry()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var (first, _) = await client.PostAsync("/", FormFields.Valid("Double Click Museum"));
        var (second, _) = await client.PostAsync("/", FormFields.Valid("Double Click Museum"));

        first.Headers.Location.ShouldNotBeNull();
        second.Headers.Location.ShouldBe(first.Headers.Location);
    }

    [Fact]
    public async Task Post_HoneypotFilled_NeutralPageAndNothingStored()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var before = await fixture.Storage.CountInquiriesAsync();

        var (response, _) = await client.PostAsync("/", FormFields.Valid().With("homepage", "http://spam.example"));

        response.Headers.Location!.ToString().ShouldBe("/received");
        var (page, html) = await client.GetAsync("/received");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("PI-");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_FasterThanTheMinimumFillTime_FormShownAgainAsFilledAndNothingStored()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        var before = await fixture.Storage.CountInquiriesAsync();

        var (response, html) = await client.PostAsync("/", FormFields.Valid("Quick Fingers Archive"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // never a pretended "thank you"
        html.ShouldContain("nothing has been sent yet");
        html.ShouldContain("value=\"Quick Fingers Archive\"");
        html.ShouldContain("value=\"anna@example.org\"");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);

        // Sent again once the fill time since the form was first served has passed: stored.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var (again, _) = await client.PostAsync("/", FormFields.Valid("Quick Fingers Archive"));
        again.Headers.Location!.ToString().ShouldStartWith("/confirmation/PI-");
    }

    [Fact]
    public async Task Post_FixedAndSentAgainAtOnceAfterAnError_Stored()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // a person filled the form in

        var (unticked, _) = await client.PostAsync("/", FormFields.Valid("Second Try Gallery").Without("consent"));
        var (fixedAtOnce, _) = await client.PostAsync("/", FormFields.Valid("Second Try Gallery")); // well within 1 s of the error page

        unticked.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var location = fixedAtOnce.Headers.Location!.ToString();
        var reference = Regex.Match(location, "^/confirmation/(PI-[0-9A-Z-]+)$").Groups[1].Value;
        reference.ShouldNotBeEmpty(location);
        (await App.StatusAsync(reference)).GetProperty("reference").GetString().ShouldBe(reference);
    }

    [Fact]
    public async Task Post_TooFast_CountedForTheConsoleDashboard()
    {
        var today = (await App.NowAsync()).UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        async Task<int> CountAsync() =>
            (await fixture.Storage.Table(TableNames.IntakeRefusals).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(today, "too-fast")) is { HasValue: true } row
                ? row.Value!.GetInt32("Count") ?? 0
                : 0;
        var before = await CountAsync();
        using var client = NewClient();
        await client.GetAsync("/");

        await client.PostAsync("/", FormFields.Valid());

        (await CountAsync()).ShouldBe(before + 1);
        using var console = new PageClient(App);
        await console.GetAsync("/admin/signin");
        await console.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        var (_, dashboard) = await console.GetAsync("/admin");
        dashboard.ShouldContain("id=\"intake-refusals\"");
        Regex.IsMatch(dashboard, $@"<td data-kind=""too-fast"">{before + 1}</td>").ShouldBeTrue("the dashboard shows today's count");
    }

    [Fact]
    public async Task Get_Form_SubdivisionsThatChangeRoutingOfferedByName()
    {
        using var client = NewClient("pl");

        var (_, html) = await client.GetAsync("/");

        html.ShouldContain("<option value=\"US-NY\">Nowy Jork</option>");
        html.ShouldContain("<option value=\"US-DC\">Dystrykt Kolumbii</option>");
        html.ShouldContain("<optgroup label=\"Stany Zjednoczone\" data-country=\"US\">");
        html.ShouldNotContain("<input type=\"text\" id=\"organization-subdivision\""); // no code to type
    }

    [Fact]
    public async Task Post_NewYorkChosen_RoutedToTheNewYorkCityChapter()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var (response, _) = await client.PostAsync("/", FormFields.Valid("Brooklyn Museum")
            .With("organization.country", "US").With("organization.subdivision", "US-NY").With("contact.language", "en"));

        var reference = Regex.Match(response.Headers.Location!.ToString(), "PI-[0-9A-Z-]+$").Value;
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "routed");
        (await App.StatusAsync(reference)).GetProperty("assignee").GetProperty("name").GetString().ShouldBe("Wikimedia New York City");
    }

    [Fact]
    public async Task Post_WelshAmongContentLanguages_Accepted()
    {
        using var client = NewClient();
        var (_, form) = await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var (response, _) = await client.PostAsync("/", FormFields.Valid("Llyfrgell Genedlaethol Cymru").Without("contentLanguages")
            .Append(new("contentLanguages", "cy")).Append(new("contentLanguages", "zh-yue")).ToList());

        form.ShouldContain("<label for=\"contentLanguages-cy\">Welsh – Cymraeg</label>");
        Regex.Matches(form, "name=\"contentLanguages\"").Count.ShouldBeGreaterThan(300);
        response.Headers.Location!.ToString().ShouldStartWith("/confirmation/PI-");
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9", @"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b")]
    [InlineData("en-US,en;q=0.9", @"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b")]
    [InlineData("de-AT,de;q=0.9", @"\b\d{1,2}\. (Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\b")]
    public async Task Get_Status_DatesInTheReadersRegionalFormat(string acceptLanguage, string datePattern)
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Dated Museum"));
        using var client = NewClient(acceptLanguage);

        var (_, html) = await client.GetAsync($"/status/{reference}");

        Regex.IsMatch(html, datePattern).ShouldBeTrue($"a date like {datePattern} on the page for {acceptLanguage}");
    }

    [Theory]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/css/no-such-file.css", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/language/xx", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/error", HttpStatusCode.NotFound, "Page not found")]
    public async Task Get_ErrorStatus_PageInTheLayoutWithALinkHome(string path, HttpStatusCode status, string title)
    {
        using var client = NewClient("en");

        var (response, html) = await client.GetAsync(path);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain($"<h1>{title}</h1>");
        html.ShouldContain("<a href=\"/\">");
        html.ShouldContain("class=\"site-header\""); // the site's layout, not a bare status
    }

    [Fact]
    public async Task Post_ToTheLanguageSwitcher_MethodNotAllowedPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/language/fr");
        request.Headers.AcceptLanguage.ParseAdd("fr");

        using var response = await App.Web.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        html.ShouldContain("<h1>Cette adresse n’accepte pas cette requête</h1>");
        html.ShouldContain("<a href=\"/\">");
    }

    [Fact]
    public async Task Get_UnknownAddress_PageInThePartnersLanguage()
    {
        using var client = NewClient("de-DE,de;q=0.9");

        var (response, html) = await client.GetAsync("/anfrage");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("<html lang=\"de\"");
        html.ShouldNotContain("<h1>Page not found</h1>");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedAndNothingStored()
    {
        using var client = NewClient();
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var before = await fixture.Storage.CountInquiriesAsync();

        var (response, _) = await client.PostAsync("/", FormFields.Valid().Append(new("formToken", client.Hidden["formToken"])), withHiddenFields: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Post_ForgedFormToken_AskedToSendAgain()
    {
        using var client = NewClient();
        await client.GetAsync("/");

        var (response, html) = await client.PostAsync("/", FormFields.Valid().With("formToken", "forged"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("This form has expired");
        html.ShouldContain("value=\"Muzeum Narodowe w Warszawie\""); // nothing the partner typed is lost
    }

    [Fact]
    public async Task Post_InvalidFields_ErrorSummaryLinksToEachFieldWithTheApisMessagesInTheirLanguage()
    {
        using var client = NewClient(acceptLanguage: "de-DE,de;q=0.9");
        await client.GetAsync("/");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var fields = FormFields.Valid().With("contact.email", "not-an-address").Without("scale").Without("consent");
        var before = await fixture.Storage.CountInquiriesAsync();

        var (response, html) = await client.PostAsync("/", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        html.ShouldContain("id=\"error-summary\"");
        html.ShouldContain("href=\"#contact-email\"");
        html.ShouldContain("href=\"#scale-local\"");
        html.ShouldContain("href=\"#consent\"");
        html.ShouldContain("id=\"contact-email\"");
        html.ShouldContain("aria-invalid=\"true\"");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);

        // The API, asked in German about the same address, gives the same message.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries")
        {
            Content = new StringContent(Inquiries.With(i => i["contact"]!["email"] = "not-an-address"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("de");
        using var api = await App.Http.SendAsync(request);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("contact.email")[0].GetString()!;
        message.ShouldNotStartWith("Must be"); // German, not English
        html.ShouldContain(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(message));
    }

    [Theory]
    [InlineData("ar-EG,ar;q=0.9", "ar", "rtl", "EG")]
    [InlineData("pl-PL", "pl", "ltr", "PL")]
    [InlineData("ja-JP", "en", "ltr", "JP")]
    public async Task Get_Form_LanguageDirectionAndCountryFromAcceptLanguage(string acceptLanguage, string lang, string dir, string country)
    {
        using var client = NewClient(acceptLanguage);

        var (_, html) = await client.GetAsync("/");

        html.ShouldContain($"<html lang=\"{lang}\" dir=\"{dir}\">");
        html.ShouldContain($"<option value=\"{country}\" selected=\"selected\">");
        Regex.IsMatch(html, $@"<option value=""{lang}"" lang=""{lang}""\s+selected=""selected"">").ShouldBeTrue("the reply language defaults to the page's");
    }

    [Fact]
    public async Task LanguageSwitcher_Choice_RemembersTheLanguageOverAcceptLanguage()
    {
        using var client = NewClient("en");

        var (switched, _) = await client.GetAsync("/language/fr?returnUrl=%2Fprivacy");
        var (_, html) = await client.GetAsync("/privacy");

        switched.Headers.Location!.ToString().ShouldBe("/privacy");
        html.ShouldContain("<html lang=\"fr\"");
    }

    [Fact]
    public async Task LanguageSwitcher_ForeignReturnUrl_GoesHomeInstead()
    {
        using var client = NewClient();

        var (switched, _) = await client.GetAsync("/language/de?returnUrl=https%3A%2F%2Fevil.example%2F");

        switched.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task Get_StatusOfUnknownReference_NotFoundPage()
    {
        using var client = NewClient();

        var (response, html) = await client.GetAsync("/status/PI-AAAA-BBBB-CCCC-DDDD");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("PI-XXXX-XXXX-XXXX-XXXX");
    }

    [Fact]
    public async Task Get_Pages_CarryASecurityPolicyWithoutInlineScript()
    {
        using var client = NewClient();

        var (response, _) = await client.GetAsync("/");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }
}
