using System.Diagnostics;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Common;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.RecognitionBench;

/// <summary>Microseconds per call of each run (median and range over runs), and bytes allocated per call.</summary>
public sealed record RenderResult(string Kind, string Lang, IReadOnlyList<double> RenderMicros, double RenderBytes, IReadOnlyList<double> ComposeMicros, double ComposeBytes, int Chars);

/// <summary>
/// Template render time per notice: <see cref="MailTemplates.Render"/> (subject, text and HTML parts) for each recognition
/// kind × the 7 languages, with the unit tests' sample models (tests/PartnerIntake.UnitTests/Mail/MailTemplatesTests.cs),
/// and the whole <see cref="RecognitionMails.Compose"/> a run calls per notice (model, signed unsubscribe link, render).
/// A Stopwatch loop: warm-up, then <c>runs</c> runs of <c>iterations</c> calls, single-threaded.
/// </summary>
public static class TemplateBench
{
    private const string Donation = "PI-TEST-0000-0000-0001";
    private const string Institution = "Muzeum Narodowe w Warszawie";
    private const string Collection = "Paintings of the Young Poland movement";
    private const string Category = "Category:Paintings in the National Museum in Warsaw";
    private const string CategoryUrl = "https://commons.wikimedia.org/wiki/Category:Paintings_in_the_National_Museum_in_Warsaw";
    private const string UnsubscribeUrl = "https://intake.example.org/api/recognition/unsubscribe?donation=PI-TEST-0000-0000-0001&sig=c2lnbmF0dXJl";
    private static readonly DateOnly DonatedOn = new(2026, 11, 1);
    private static readonly DateOnly PeriodStart = new(2026, 7, 1);
    private static readonly DateOnly PeriodEnd = new(2026, 9, 30);

    public static IReadOnlyList<RenderResult> Run(MailTemplates templates, int iterations, int runs)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        var mails = new RecognitionMails(templates, Options.Create(new AppOptions()),
            new ActionLinks(Options.Create(new LinkOptions { SigningKey = Scenario.SigningKey }), clock));
        var cases = new List<Case>();
        foreach (var kind in RecognitionKinds.All)
        {
            foreach (var lang in Seeder.Languages)
            {
                var model = Sample(kind, lang);
                var (donation, notice) = ComposeInput(kind, lang);
                var figures = kind == RecognitionKinds.Impact ? new ImpactFigures(1234, 2345, 42, 12345) : null;
                var rendered = templates.Render(kind, model);
                if (mails.Compose(donation, notice, figures).Language != lang)
                {
                    throw new InvalidOperationException($"Compose did not render {kind} in {lang}.");
                }

                cases.Add(new Case(kind, lang, () => templates.Render(kind, model), () => mails.Compose(donation, notice, figures),
                    rendered.Subject.Length + rendered.Text.Length + rendered.Html.Length));
            }
        }

        // Warm-up of every case first (JIT tiers, culture data, Scriban's reflection caches), then the runs, interleaved over the
        // cases, so that a slow spell of the machine spreads over all of them.
        foreach (var c in cases)
        {
            Repeat(c.Render, Math.Max(500, iterations));
            Repeat(c.Compose, Math.Max(500, iterations));
        }

        for (var run = 0; run < runs; run++)
        {
            foreach (var c in cases)
            {
                c.RenderRuns.Add(Measure(c.Render, iterations, out var renderBytes));
                c.RenderBytes += renderBytes;
                c.ComposeRuns.Add(Measure(c.Compose, iterations, out var composeBytes));
                c.ComposeBytes += composeBytes;
            }
        }

        return cases.Select(c => new RenderResult(c.Kind, c.Lang, c.RenderRuns, c.RenderBytes / runs, c.ComposeRuns, c.ComposeBytes / runs, c.Chars)).ToList();
    }

    private static void Repeat<T>(Func<T> call, int times)
    {
        for (var i = 0; i < times; i++)
        {
            GC.KeepAlive(call());
        }
    }

    /// <summary>Microseconds per call over <paramref name="iterations"/> calls; bytes allocated per call.</summary>
    private static double Measure<T>(Func<T> call, int iterations, out double bytesPerCall)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        Repeat(call, iterations);
        stopwatch.Stop();
        bytesPerCall = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        return stopwatch.Elapsed.TotalMicroseconds / iterations;
    }

    private sealed record Case(string Kind, string Lang, Func<RenderedMail> Render, Func<OutboundMail> Compose, int Chars)
    {
        public List<double> RenderRuns { get; } = [];

        public List<double> ComposeRuns { get; } = [];

        public double RenderBytes { get; set; }

        public double ComposeBytes { get; set; }
    }

    /// <summary>The unit tests' sample models (MailTemplatesTests.Sample) for the recognition kinds.</summary>
    private static MailModel Sample(string kind, string lang) => kind switch
    {
        RecognitionKinds.ThankYou => new ThankYouMailModel(lang, Donation, "Anna Nowak", Institution, Collection, 5000, "CC BY-SA 4.0",
            Category, CategoryUrl, DonatedOn, "Wikimedia Polska"),
        RecognitionKinds.Attribution => new AttributionMailModel(lang, Donation, "Anna Nowak", Institution, Collection,
            "Muzeum Narodowe w Warszawie, CC BY-SA 4.0", Category, CategoryUrl, "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        RecognitionKinds.Impact => new ImpactMailModel(lang, Donation, "Anna Nowak", Institution, Collection, 5000, Category, CategoryUrl,
            PeriodStart, PeriodEnd, new ImpactFigures(1234, 2345, 42, 12345), UnsubscribeUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a recognition kind"),
    };

    /// <summary>The same content as a stored donation and its notice, for Compose.</summary>
    private static (Donation Donation, Notice Notice) ComposeInput(string kind, string lang)
    {
        var donation = new Donation(Donation, new DonationSubmission(
            new InstitutionInfo(Institution, "PL", "https://mnw.art.pl"),
            new DonorContact("Anna Nowak", "anna@example.org", lang),
            new CollectionInfo(Collection, Category, 5000, "CC BY-SA 4.0"),
            DonatedOn, "Muzeum Narodowe w Warszawie, CC BY-SA 4.0", "Wikimedia Polska", null),
            new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        var notice = kind == RecognitionKinds.Impact
            ? new Notice(new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero), Donation, kind, 1, PeriodStart, PeriodEnd)
            : new Notice(new DateTimeOffset(2026, 11, 21, 9, 10, 0, TimeSpan.Zero), Donation, kind, 1);
        return (donation, notice);
    }
}
