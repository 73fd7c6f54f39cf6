using System.Text.Json;

namespace PartnerIntake.BrowserTests.Infrastructure;

/// <param name="Impact">axe's severity: minor, moderate, serious or critical.</param>
/// <param name="Targets">One CSS selector per offending element (frames and shadow roots joined with " &gt;&gt;&gt; ").</param>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public bool IsSerious => Impact is "serious" or "critical";

    public override string ToString() => $"{Id} ({Impact}): {Help} [{string.Join(", ", Targets)}] {HelpUrl}";
}

/// <summary>
/// Accessibility checks with axe-core, installed from npm by scripts/ensure-tools.sh (pinned in package-lock.json)
/// and injected into the page under test. Needs a page from <see cref="BrowserFixture.NewPageAsync"/>, whose
/// context bypasses Content-Security-Policy so the injected script may run.
/// </summary>
public static class Axe
{
    public static string ScriptPath { get; } = Path.Combine(Repo.Root, "node_modules", "axe-core", "axe.min.js");

    // With scripting off (a context with JavaScript disabled) the page runs no timers, and axe waits on
    // setTimeout between rules: for the run, timers become microtasks, which still run. No page script can
    // notice, since none runs.
    private const string Run = """
        async () => {
          const timers = { set: window.setTimeout, clear: window.clearTimeout };
          if (window.__axeWithoutScripting) {
            window.setTimeout = (callback, delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
            window.clearTimeout = () => {};
          }
          try {
            const results = await axe.run(document, { resultTypes: ['violations'] });
            return results.violations.map(v => ({
              id: v.id,
              impact: v.impact ?? 'unknown',
              help: v.help,
              helpUrl: v.helpUrl,
              targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' >>> ')),
            }));
          } finally {
            window.setTimeout = timers.set;
            window.clearTimeout = timers.clear;
          }
        }
        """;

    /// <summary>Runs every axe rule on the page as it is now and returns the violations (none is a pass).</summary>
    public static async Task<IReadOnlyList<AxeViolation>> AnalyzeAsync(IPage page)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"axe-core is not installed at {ScriptPath}: run ./test.sh, which installs it (npm ci).");
        }

        if (!await IsLoadedAsync(page))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        }

        if (!await IsLoadedAsync(page))
        {
            // The context has JavaScript turned off: the page runs no <script>, not even an injected one, but
            // Playwright's own evaluation still works, so axe is evaluated directly in the page's global scope.
            await page.EvaluateAsync("source => { (0, eval)(source); window.__axeWithoutScripting = true; }", await File.ReadAllTextAsync(ScriptPath));
        }

        // Playwright's evaluate has no timeout of its own: a run that never settles fails instead of hanging the test run.
        var violations = await page.EvaluateAsync<JsonElement>(Run).WaitAsync(BrowserFixture.Timeout);
        return violations.EnumerateArray()
            .Select(v => new AxeViolation(
                v.GetProperty("id").GetString()!,
                v.GetProperty("impact").GetString()!,
                v.GetProperty("help").GetString()!,
                v.GetProperty("helpUrl").GetString()!,
                v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToArray()))
            .ToArray();
    }

    private static Task<bool> IsLoadedAsync(IPage page) => page.EvaluateAsync<bool>("() => typeof window.axe === 'object'");

    /// <summary>Fails listing every serious or critical violation and the elements it was found on.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page)
    {
        var serious = (await AnalyzeAsync(page)).Where(v => v.IsSerious).ToArray();
        if (serious.Length > 0)
        {
            throw new ShouldAssertException(
                $"{page.Url} has {serious.Length} serious or critical accessibility violation(s):\n" + string.Join('\n', serious.Select(v => "  " + v)));
        }
    }
}
