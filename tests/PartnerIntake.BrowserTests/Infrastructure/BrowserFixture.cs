using System.Runtime.CompilerServices;

namespace PartnerIntake.BrowserTests.Infrastructure;

/// <summary>
/// One Azurite, one standalone app and one headless Chromium for the whole collection. Each test opens its own
/// browser context (cookies, locale, JavaScript on or off) with <see cref="NewPageAsync"/>, so tests do not see
/// each other's state. The browser is Debian's /usr/bin/chromium (scripts/ensure-tools.sh installs it): Playwright
/// never downloads one. Playwright's Node driver ships inside the Microsoft.Playwright package and is copied next
/// to the test assembly by the build.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Every Playwright action, navigation and <c>Expect</c> assertion gives up after this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public Azurite Azurite { get; private set; } = null!;

    public AppProcess App { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh, which installs it (apt-get install chromium).");
        }

        Azurite = await Azurite.StartAsync();
        // A browser fills the form in well under the 3 s a person needs: the minimum fill time is off here
        // (the HTTP tests cover it); the honeypot stays on.
        App = await AppProcess.StartAsync(Azurite.ConnectionString, settings: new Dictionary<string, string> { ["Web__MinFillSeconds"] = "0" });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = (float)Timeout.TotalMilliseconds,
            // Running as root in a container: no user namespaces for the sandbox, no GPU, a small /dev/shm,
            // and nothing phoning home (component updates, safe browsing, metrics) from a test run.
            ChromiumSandbox = false,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// A page in a fresh browser context whose relative URLs go to the app (<c>page.GotoAsync("/status/PI-...")</c>).
    /// The page's Content-Security-Policy applies as in a user's browser (<see cref="Axe"/> evaluates its script, which
    /// no policy blocks); the page's own scripts run only if <paramref name="javaScript"/>.
    /// Close it with <c>page.Context.CloseAsync()</c>, or derive the test class from <see cref="BrowserTest"/>,
    /// which closes the contexts it opened after each test.
    /// </summary>
    /// <param name="locale">Sets <c>navigator.language</c> and the Accept-Language header, e.g. "pl-PL" or "ar".</param>
    /// <param name="javaScript">False: the page behaves as in a browser with scripting turned off (noscript shows).</param>
    public async Task<IPage> NewPageAsync(string? locale = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.WebAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        if (!javaScript)
        {
            ScriptingOff.Add(page, true);
        }

        return page;
    }

    /// <summary>Pages opened with JavaScript turned off: the page cannot tell, but <see cref="Axe"/> needs to know.</summary>
    public static ConditionalWeakTable<IPage, object> ScriptingOff { get; } = [];

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser on the app on Azurite";
}
