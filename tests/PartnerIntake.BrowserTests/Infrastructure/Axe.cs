using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace PartnerIntake.BrowserTests.Infrastructure;

/// <param name="Impact">axe's severity: minor, moderate, serious or critical.</param>
/// <param name="Targets">One CSS selector per offending element (frames and shadow roots included).</param>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public bool IsSerious => Impact is "serious" or "critical";

    public override string ToString() => $"{Id} ({Impact}): {Help} [{string.Join(", ", Targets)}] {HelpUrl}";
}

/// <summary>
/// Accessibility checks with Deque.AxeCore.Playwright, which evaluates the axe-core it embeds in the page (so no page
/// Content-Security-Policy stands in the way) and also works in a context with JavaScript turned off.
/// </summary>
public static class Axe
{
    // With scripting off the page runs no timers, and axe waits on setTimeout between rules: for the run, timers
    // become microtasks, which still run. No page script can notice, since none runs.
    private const string TimersAsMicrotasks = """
        () => {
          window.__axeTimers = { set: window.setTimeout, clear: window.clearTimeout };
          window.setTimeout = (callback, delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
          window.clearTimeout = () => {};
        }
        """;

    private const string RestoreTimers = """
        () => {
          window.setTimeout = window.__axeTimers.set;
          window.clearTimeout = window.__axeTimers.clear;
          delete window.__axeTimers;
        }
        """;

    /// <summary>Runs every axe rule on the page as it is now and returns the violations (none is a pass).</summary>
    public static async Task<IReadOnlyList<AxeViolation>> AnalyzeAsync(IPage page)
    {
        var scriptingOff = BrowserFixture.ScriptingOff.TryGetValue(page, out _);
        if (scriptingOff)
        {
            await page.EvaluateAsync(TimersAsMicrotasks);
        }

        AxeResult result;
        try
        {
            // Playwright's evaluate has no timeout of its own: a run that never settles fails instead of hanging the test run.
            result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] }).WaitAsync(BrowserFixture.Timeout);
        }
        finally
        {
            if (scriptingOff)
            {
                await page.EvaluateAsync(RestoreTimers);
            }
        }

        return result.Violations
            .Select(v => new AxeViolation(v.Id, v.Impact ?? "unknown", v.Help, v.HelpUrl, v.Nodes.Select(n => n.Target.ToString()).ToArray()))
            .ToArray();
    }

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
