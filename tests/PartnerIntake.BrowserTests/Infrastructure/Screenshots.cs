namespace PartnerIntake.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots for the documentation. <c>PI_SCREENSHOTS=1 ./test.sh</c> (or <c>dotnet test</c>) writes a full-page PNG
/// to <c>docs/screenshots/{name}.png</c> in the checkout, replacing the previous one, to be committed on purpose;
/// without the variable <see cref="SaveAsync"/> does nothing, so an ordinary test run leaves the work tree clean.
/// </summary>
public static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("PI_SCREENSHOTS") == "1";

    public static string Folder { get; } = Path.Combine(Repo.Root, "docs", "screenshots");

    /// <param name="name">A file name without extension, e.g. "partner-form-pl": letters, digits, '-' and '_' only.</param>
    public static async Task SaveAsync(IPage page, string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Not a plain file name: '{name}'.", nameof(name));
        }

        if (!Enabled)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
