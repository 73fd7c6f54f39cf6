using PartnerIntake.Shared.Mail;

namespace PartnerIntake.MailBench;

public sealed record RenderResult(string Kind, IReadOnlyList<Sample> Runs, int Chars);

/// <summary>
/// <see cref="MailTemplates.Render"/> (subject, text and HTML) per kind in English with a full model: every kind warmed
/// up first, then the runs interleaved over the kinds, single-threaded.
/// </summary>
public static class RenderBench
{
    public static IReadOnlyList<RenderResult> Run(MailTemplates templates, int iterations, int runs)
    {
        var cases = Samples.Kinds.Select(kind =>
        {
            var model = Samples.Model(kind, "en");
            var rendered = templates.Render(kind, model);
            return (Kind: kind, Call: (Action)(() => templates.Render(kind, model)), Chars: rendered.Subject.Length + rendered.Text.Length + rendered.Html.Length, Runs: new List<Sample>());
        }).ToList();

        foreach (var c in cases)
        {
            Measure.Sync(c.Call, Math.Max(500, iterations));
        }

        for (var run = 0; run < runs; run++)
        {
            foreach (var c in cases)
            {
                c.Runs.Add(Measure.Sync(c.Call, iterations));
            }
        }

        return cases.Select(c => new RenderResult(c.Kind, c.Runs, c.Chars)).ToList();
    }
}
