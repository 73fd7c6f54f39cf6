using PartnerIntake.BrowserTests.Infrastructure;

namespace PartnerIntake.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ScreenshotsTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task SaveAsync_WritesPngOnlyWhenEnabled()
    {
        var page = await NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=\"en\"><title>Shot</title><main><h1>Shot</h1></main></html>");
        var name = "test-probe-" + Guid.NewGuid().ToString("N");
        var file = Path.Combine(Screenshots.Folder, name + ".png");

        try
        {
            await Screenshots.SaveAsync(page, name);

            File.Exists(file).ShouldBe(Screenshots.Enabled);
            if (Screenshots.Enabled)
            {
                (await File.ReadAllBytesAsync(file))[1..4].ShouldBe("PNG"u8.ToArray());
            }
        }
        finally
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("sub/dir")]
    public async Task SaveAsync_NameThatIsNotAPlainFileName_Throws(string name)
    {
        var page = await NewPageAsync();

        await Should.ThrowAsync<ArgumentException>(() => Screenshots.SaveAsync(page, name));
    }
}
