using PartnerIntake.BrowserTests.Infrastructure;

namespace PartnerIntake.BrowserTests;

/// <summary>The accessibility helper finds what it should, and nothing on a clean page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Broken = """
        <!doctype html>
        <html lang="en"><head><title>Broken</title></head>
        <body><main>
          <h1>Broken</h1>
          <img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <input id="email" type="text">
        </main></body></html>
        """;

    private const string Clean = """
        <!doctype html>
        <html lang="en"><head><title>Clean</title></head>
        <body><main>
          <h1>Clean</h1>
          <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Logo of the Wikimedia movement">
          <label for="email">E-mail address</label>
          <input id="email" type="email" autocomplete="email">
        </main></body></html>
        """;

    [Fact]
    public async Task AnalyzeAsync_ImageWithoutAltAndUnlabelledInput_ReportsThemAsSerious()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync(Broken);

        var violations = await Axe.AnalyzeAsync(page);

        violations.Select(v => v.Id).ShouldBe(["image-alt", "label"], ignoreOrder: true);
        var image = violations.Single(v => v.Id == "image-alt");
        image.IsSerious.ShouldBeTrue();
        image.Targets.ShouldBe(["#logo"]);
        var label = violations.Single(v => v.Id == "label");
        label.IsSerious.ShouldBeTrue();
        label.Targets.ShouldBe(["#email"]);
    }

    [Fact]
    public async Task AnalyzeAsync_WellFormedPage_ReportsNone()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync(Clean);

        var violations = await Axe.AnalyzeAsync(page);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task ShouldHaveNoSeriousViolationsAsync_ImageWithoutAlt_FailsListingRuleAndTarget()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync(Broken);

        // Record, not Should.ThrowAsync: Shouldly lets its own assertion exceptions through.
        var failure = (await Record.ExceptionAsync(() => Axe.ShouldHaveNoSeriousViolationsAsync(page))).ShouldBeOfType<ShouldAssertException>();

        failure.Message.ShouldContain("image-alt (critical)");
        failure.Message.ShouldContain("#logo");
        failure.Message.ShouldContain("label (critical)");
        failure.Message.ShouldContain("#email");
    }

    [Fact]
    public async Task ShouldHaveNoSeriousViolationsAsync_WellFormedPage_Passes()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync(Clean);

        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task AnalyzeAsync_PageWithStrictContentSecurityPolicy_StillAnalyzes()
    {
        var page = await NewPageAsync();
        await page.RouteAsync("**/csp-probe", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = "default-src 'none'; script-src 'none'" },
            Body = Broken,
        }));
        await page.GotoAsync("/csp-probe");

        var violations = await Axe.AnalyzeAsync(page);

        violations.Select(v => v.Id).ShouldContain("image-alt");
    }

    [Fact]
    public async Task AnalyzeAsync_JavaScriptDisabled_StillAnalyzes()
    {
        var page = await NewPageAsync(javaScript: false);
        await page.SetContentAsync(Broken);

        var violations = await Axe.AnalyzeAsync(page);

        violations.Select(v => v.Id).ShouldBe(["image-alt", "label"], ignoreOrder: true);
        (await page.EvaluateAsync<bool>("() => window.setTimeout.toString().includes('[native code]')")).ShouldBeTrue("the timers are restored after the run");
    }
}
