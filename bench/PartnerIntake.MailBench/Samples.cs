using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.MailBench;

/// <summary>A full model per mail kind (the unit tests' samples), and a typical outgoing message.</summary>
public static class Samples
{
    private const string Reference = "PI-TEST-0000-0000-0001";
    private const string StatusUrl = "http://localhost:7071/api/inquiries/PI-TEST-0000-0000-0001";
    private const string Institution = "Muzeum Narodowe w Warszawie";
    private const string Collection = "Paintings of the Young Poland movement";
    private const string Category = "Category:Paintings in the National Museum in Warsaw";
    private const string CategoryUrl = "https://commons.wikimedia.org/wiki/Category:Paintings_in_the_National_Museum_in_Warsaw";
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Kinds { get; } =
    [
        MailKinds.Acknowledgement, MailKinds.Assignment, MailKinds.Collaborator, MailKinds.Reminder, MailKinds.Escalated,
        MailKinds.Accepted, MailKinds.TakenOn, MailKinds.HandedOn, RecognitionKinds.ThankYou, RecognitionKinds.Attribution, RecognitionKinds.Impact,
    ];

    public static MailModel Model(string kind, string lang) => kind switch
    {
        MailKinds.Assignment => new AssignmentMailModel(lang, Reference, "Wikimedia Polska", "Muzeum Narodowe",
            "Museum", "Poland", "https://mnw.art.pl", "Anna Nowak", "anna@example.org", "Curator", "Polish",
            ["Share content", "Languages and culture"], "National", "Formal agreement", ["Polish", "English"],
            "We would like to donate 5,000 scans of paintings.\nThey are in the public domain.",
            "You received this because you are the chapter for Poland, and the partner is interested in: Share content.",
            [new CollaboratorLine("Wikimedia Foundation Culture & Heritage", "Foundation team", "for the topic")], 5, StatusUrl, Received)
        {
            AcceptUrl = "https://intake.example.org/assignments/accept-token",
            RedirectUrl = "https://intake.example.org/assignments/redirect-token",
            DeclineUrl = "https://intake.example.org/assignments/decline-token",
            History = ["PI-2025-0000-0000-0007 (2025-03-02), handled by Wikimedia Polska: accepted"],
        },
        MailKinds.Acknowledgement => new AcknowledgementMailModel(lang, Reference, "Anna Nowak", "Muzeum Narodowe", "Wikimedia Polska", 5, StatusUrl, Received),
        MailKinds.Reminder => new ReminderMailModel(lang, Reference, "Wikimedia Polska", "Muzeum Narodowe", "Museum", "Poland", "Anna Nowak",
            "anna@example.org", ["Share content"], "National", "You received this because you are the chapter for Poland.", Received.AddDays(5),
            "https://intake.example.org/assignments/accept-token", "https://intake.example.org/assignments/redirect-token",
            "https://intake.example.org/assignments/decline-token", StatusUrl),
        MailKinds.Escalated => new EscalatedMailModel(lang, Reference, "Wikimedia Polska", "Muzeum Narodowe", "Poland", ["Share content"],
            "Wikimedia Foundation Partnerships – Central & Eastern Europe", 5),
        MailKinds.Accepted => new AcceptedMailModel(lang, Reference, "Anna Nowak", "Muzeum Narodowe", "Wikimedia Polska", "polska@example.org", StatusUrl),
        MailKinds.Collaborator => new CollaboratorMailModel(lang, Reference, "Wikimedia Foundation Culture & Heritage", "Wikimedia Polska",
            "Muzeum Narodowe", "Museum", "Poland", "https://mnw.art.pl", "Anna Nowak", "anna@example.org", "Curator", ["Share content"], "National",
            "We would like to donate 5,000 scans of paintings.", "You received this for information.", StatusUrl),
        MailKinds.TakenOn => new TakenOnMailModel(lang, Reference, "Wikimedia Polska", "Muzeum Narodowe", "Poland", ["Share content"],
            "Anna Nowak", "anna@example.org", "Curator", "Polish", StatusUrl),
        MailKinds.HandedOn => new HandedOnMailModel(lang, Reference, "Anna Nowak", "Muzeum Narodowe", "Wikimedia Deutschland", 5, StatusUrl),
        RecognitionKinds.ThankYou => new ThankYouMailModel(lang, Reference, "Anna Nowak", Institution, Collection, 5000, "CC BY-SA 4.0",
            Category, CategoryUrl, new DateOnly(2026, 11, 1), "Wikimedia Polska"),
        RecognitionKinds.Attribution => new AttributionMailModel(lang, Reference, "Anna Nowak", Institution, Collection,
            "Muzeum Narodowe w Warszawie, CC BY-SA 4.0", Category, CategoryUrl, "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        RecognitionKinds.Impact => new ImpactMailModel(lang, Reference, "Anna Nowak", Institution, Collection, 5000, Category, CategoryUrl,
            new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), new ImpactFigures(1234, 2345, 42, 12345),
            "https://intake.example.org/unsubscribe/token"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no sample model for this kind"),
    };

    /// <summary>A thank-you notice as a recognition run hands it to the transport: unsubscribe headers, a donation id.</summary>
    public static OutboundMail Message(MailTemplates templates, int sequence)
    {
        var rendered = templates.Render(RecognitionKinds.ThankYou, Model(RecognitionKinds.ThankYou, "pl"));
        return new OutboundMail($"{Reference}.thank-you.{sequence}", RecognitionKinds.ThankYou, new Recipient("anna@example.org", "Anna Nowak"),
            rendered.Subject, rendered.Text, rendered.Html, "pl")
        {
            ReplyTo = new Recipient("partnerships@example.org", "Wikimedia Partnerships"),
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://intake.example.org/unsubscribe/token>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            CustomArgs = new Dictionary<string, string> { ["donation_id"] = Reference },
        };
    }
}
