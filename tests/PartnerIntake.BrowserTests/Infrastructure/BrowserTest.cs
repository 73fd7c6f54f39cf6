namespace PartnerIntake.BrowserTests.Infrastructure;

/// <summary>
/// Base class for browser tests: <see cref="NewPageAsync"/> opens a page in a new context and the contexts a test
/// opened are closed after it (xunit makes one instance per test). Put <c>[Collection(BrowserCollection.Name)]</c>
/// on the derived class.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserFixture Browser { get; } = browser;

    protected AppProcess App => Browser.App;

    protected async Task<IPage> NewPageAsync(string? locale = null, bool javaScript = true)
    {
        var page = await Browser.NewPageAsync(locale, javaScript);
        contexts.Add(page.Context);
        return page;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }
}
