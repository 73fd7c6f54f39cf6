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
        var clock = new BenchClock(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        var mails = new RecognitionMails(templates, Options.Create(new AppOptions()),
            new ActionLinks(Options.Create(new LinkOptions { SigningKey = Scenario.SigningKey }), clock));
        var results = new List<RenderResult>();
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

                var (render, renderBytes) = Measure(() => templates.Render(kind, model), iterations, runs);
                var (compose, composeBytes) = Measure(() => mails.Compose(donation, notice, figures), iterations, runs);
                results.Add(new RenderResult(kind, lang, render, renderBytes, compose, composeBytes,
                    rendered.Subject.Length + rendered.Text.Length + rendered.Html.Length));
            }
        }

        return results;
    }

    private static (IReadOnlyList<double> Micros, double Bytes) Measure<T>(Func<T> call, int iterations, int runs)
    {
        for (var i = 0; i < Math.Max(200, iterations / 2); i++)
        {
            GC.KeepAlive(call());
        }

        var micros = new List<double>();
        long bytes = 0;
        for (var run = 0; run < runs; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                GC.KeepAlive(call());
            }

            stopwatch.Stop();
            bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            micros.Add(stopwatch.Elapsed.TotalMicroseconds / iterations);
        }

        return (micros, (double)bytes / runs / iterations);
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
