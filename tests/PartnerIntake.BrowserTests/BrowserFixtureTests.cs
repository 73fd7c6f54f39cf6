using PartnerIntake.BrowserTests.Infrastructure;

namespace PartnerIntake.BrowserTests;

/// <summary>The fixture itself: Chromium reaches the app, and a page's locale and JavaScript switch are real.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserFixtureTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string ScriptProbe = """
        <!doctype html>
        <html lang="en"><head><title>Script probe</title></head>
        <body><main>
          <p id="by-script">static</p>
          <noscript><p id="no-script">scripting is off</p></noscript>
          <script>document.getElementById('by-script').textContent = 'scripted';</script>
        </main></body></html>
        """;

    [Fact]
    public async Task Goto_FunctionsAppHealth_ShowsHealthyStatusJson()
    {
        var page = await NewPageAsync();

        // The JSON API is the Functions app's, at its own address; relative URLs go to the web app.
        var health = new Uri(App.BaseAddress, "/api/health").ToString();
        var response = await page.GotoAsync(health);

        response.ShouldNotBeNull();
        response.Status.ShouldBe(200);
        page.Url.ShouldBe(health);
        var text = await page.Locator("body").InnerTextAsync();
        text.ShouldContain("\"status\":\"healthy\"");
    }

    [Fact]
    public async Task NewPage_JavaScriptDisabled_RunsNoScriptAndShowsNoscript()
    {
        var page = await NewPageAsync(javaScript: false);

        await page.SetContentAsync(ScriptProbe);

        (await page.Locator("#by-script").TextContentAsync()).ShouldBe("static");
        (await page.Locator("#no-script").IsVisibleAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task NewPage_JavaScriptEnabled_RunsScriptAndHidesNoscript()
    {
        var page = await NewPageAsync();

        await page.SetContentAsync(ScriptProbe);

        (await page.Locator("#by-script").TextContentAsync()).ShouldBe("scripted");
        (await page.Locator("#no-script").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task NewPage_WithLocale_SetsNavigatorLanguageAndAcceptLanguage()
    {
        var page = await NewPageAsync(locale: "pl-PL");

        var response = await page.GotoAsync("/api/health/live");

        (await page.EvaluateAsync<string>("() => navigator.language")).ShouldBe("pl-PL");
        response.ShouldNotBeNull();
        (await response.Request.HeaderValueAsync("accept-language")).ShouldNotBeNull().ShouldStartWith("pl-PL");
    }
}
