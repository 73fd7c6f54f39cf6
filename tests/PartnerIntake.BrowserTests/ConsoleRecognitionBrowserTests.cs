using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerIntake.BrowserTests.Infrastructure;
using PartnerIntake.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerIntake.BrowserTests;

/// <summary>Recognition in the console in Chromium: the donation form, an inquiry's donations, the outbox and the mail previews.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleRecognitionBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private async Task<IPage> SignedInAsync(string path)
    {
        var page = await NewPageAsync(locale: "en");
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/signin"));
        await page.FillAsync("#key", AppProcess.AdminKey);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    [Fact]
    public async Task RecordDonation_FromTheInquiryPage_FieldErrorsThenRecordedAndListedOnTheInquiry()
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Browser Donation Museum"));
        var page = await SignedInAsync($"/admin/inquiry/{reference}");
        await Expect(page.Locator("#inquiry-donations")).ToContainTextAsync("No donations recorded for this inquiry yet.");

        await page.ClickAsync("#record-inquiry-donation");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Record a donation");
        await Expect(page.Locator("#f-inquiryReference")).ToHaveValueAsync(reference);
        await Expect(page.Locator("#f-institution-name")).ToHaveValueAsync("Browser Donation Museum");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#f-collection-files", "0");
        await page.ClickAsync("#donation-form button[type=submit]");
        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-collection-files-error")).ToContainTextAsync("whole number");
        await Expect(page.Locator("#f-collection-title-error")).ToContainTextAsync("Is required.");
        await Expect(page.Locator("#f-collection-files")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#f-institution-name")).ToHaveValueAsync("Browser Donation Museum");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);

        await page.FillAsync("#f-collection-title", "Browser test photographs");
        await page.FillAsync("#f-collection-commonsCategory", "Category:Photographs by the Browser Donation Museum");
        await page.FillAsync("#f-collection-files", "120");
        await page.SelectOptionAsync("#f-collection-license", "CC BY 4.0");
        await page.FillAsync("#f-donatedOn", "2026-11-01");
        await page.FillAsync("#f-creditLine", "Browser Donation Museum, CC BY 4.0");
        await page.ClickAsync("#donation-form button[type=submit]");

        await Expect(page).ToHaveURLAsync(new Regex("/admin/recognition\\?recorded="));
        await Expect(page.Locator("#recorded")).ToContainTextAsync("recorded");
        var id = Regex.Match(page.Url, "recorded=([^&#]+)").Groups[1].Value;
        await Expect(page.Locator("#donations")).ToContainTextAsync(id);
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await page.GotoAsync($"/admin/inquiry/{reference}");
        await Expect(page.Locator("#inquiry-donations-table")).ToContainTextAsync(id);
        await Expect(page.Locator("#inquiry-donations-table")).ToContainTextAsync("Browser test photographs (120 files, CC BY 4.0)");
        await Screenshots.SaveAsync(page, "console-inquiry-donations");
    }

    [Fact]
    public async Task OutboxPreview_AcknowledgementFromTheList_RendersWithTheMailsInlineStyles()
    {
        var reference = await App.SubmitValidAsync(Inquiries.With(i => i["organization"]!["name"] = "Browser Outbox Museum"));
        var file = Path.Combine(App.OutboxPath, $"{reference}.acknowledgement.eml");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(file)), TimeSpan.FromSeconds(15), "acknowledgement written");
        var page = await SignedInAsync("/admin/outbox");

        var link = page.Locator($"#outbox a[href$='{reference}.acknowledgement.eml']");
        var subject = (await link.TextContentAsync())!.Trim();
        subject.ShouldContain(reference); // the subject, which names the inquiry, not the file name
        subject.ShouldNotEndWith(".eml");
        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
        await link.ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync(subject);
        await ShouldApplyInlineStylesAsync(page, "#mail-html");
        await AxeWithPreviewFrameAsync(page);
    }

    [Fact]
    public async Task NoticePreview_DonorsLanguageByDefault_RendersWithTheMailsInlineStyles()
    {
        using var response = await App.SendAdminAsync(HttpMethod.Post, "/api/donations",
            new StringContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "donation.json")), System.Text.Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var page = await SignedInAsync("/admin/recognition");

        await Expect(page.Locator($"#lang-{id}")).ToHaveValueAsync("pl"); // the donor writes Polish
        await page.Locator("tr", new() { Has = page.Locator($"#lang-{id}") }).GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Expect(page.Locator("#preview-title")).ToContainTextAsync("thank-you in Polish");
        await ShouldApplyInlineStylesAsync(page, "#preview-html");
        await AxeWithPreviewFrameAsync(page);
        await Screenshots.SaveAsync(page, "console-notice-preview");
    }

    /// <summary>
    /// An element of the mail with an inline colour has that colour in the frame: the preview policy lets the mail's styles
    /// apply (the page's own policy, style-src 'self', would drop them and leave the inherited colour).
    /// </summary>
    private static async Task ShouldApplyInlineStylesAsync(IPage page, string frame)
    {
        var styled = page.FrameLocator(frame).Locator("[style*='color:']").First;
        await Expect(styled).ToBeAttachedAsync();
        var style = (await styled.GetAttributeAsync("style"))!;
        var hex = HexColour().Match(style).Groups[1].Value;
        var expected = string.Format(CultureInfo.InvariantCulture, "rgb({0}, {1}, {2})",
            Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..6], 16));

        var computed = await styled.EvaluateAsync<string>("e => getComputedStyle(e).color");

        hex.ShouldNotBeEmpty(style);
        computed.ShouldBe(expected, $"inline style {style}");
        var scripts = await page.Locator(frame).GetAttributeAsync("sandbox");
        scripts.ShouldNotBeNull().ShouldNotContain("allow-scripts");
    }

    /// <summary>
    /// axe checks the page and the mail in its frame. The frame runs no scripts (sandbox), so no timers either, and axe
    /// waits on setTimeout between rules: in that frame, for the run, timers become microtasks (as Axe does for pages
    /// with scripting off). Only axe's own injected code runs there; the mail's would not.
    /// </summary>
    private static async Task AxeWithPreviewFrameAsync(IPage page)
    {
        foreach (var frame in page.Frames.Where(f => f != page.MainFrame))
        {
            await frame.EvaluateAsync("() => { window.setTimeout = (callback, delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; }; window.clearTimeout = () => {}; }");
        }

        await Axe.ShouldHaveNoSeriousViolationsAsync(page);
    }

    [GeneratedRegex(@"(?<![-\w])color:\s*#([0-9a-fA-F]{6})")]
    private static partial Regex HexColour();
}
