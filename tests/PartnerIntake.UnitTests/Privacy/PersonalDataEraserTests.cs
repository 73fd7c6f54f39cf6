using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerIntake.Shared.Assignment;
using PartnerIntake.Shared.Mail;
using PartnerIntake.Shared.Privacy;
using PartnerIntake.Shared.Storage;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Privacy;

public sealed class PersonalDataEraserTests : IDisposable
{
    private const string Email = "Anna.Nowak+museum@Example.org";
    private const string Reference = "PI-ABCD-EFGH-JKMN-PQRS";

    private readonly InMemoryPersonalDataIndex index = new();
    private readonly InMemoryPersonalDataStore store = new();
    private readonly InMemoryOperatorAudit audit = new();
    private readonly string outbox = Directory.CreateTempSubdirectory("pi-erase-").FullName;

    public PersonalDataEraserTests()
    {
        index.AddAsync(Email, new PersonalDataEntry(PersonalDataEntry.Inquiry, Reference, "key-hash"), default).GetAwaiter().GetResult();
        index.AddAsync(Email, new PersonalDataEntry(PersonalDataEntry.Donation, "DN-1"), default).GetAwaiter().GetResult();
        store.Inquiries[Reference] = (Email, false, [$"{Reference}.acknowledgement.1", $"{Reference}.assignment.1"]);
        store.Donations["DN-1"] = (Email, false, ["DN-1.thank-you.1"]);
        store.Events.Add($"{Reference}.acknowledgement.1");
        store.IdempotencyKeys.Add("key-hash");
        store.DuplicateKeys.Add(Reference);
        store.AcknowledgedAddresses.Add("anna.nowak@example.org");
        foreach (var id in new[] { $"{Reference}.acknowledgement.1", $"{Reference}.assignment.1", "DN-1.thank-you.1", "PI-OTHER.acknowledgement.1" })
        {
            File.WriteAllText(Path.Combine(outbox, id + ".eml"), "To: someone");
        }
    }

    [Fact]
    public async Task ErasePersonAsync_IndexedInquiryAndDonation_ErasesEveryKindAndOnlyTheirLocalCopies()
    {
        var report = await CreateSut().ErasePersonAsync("anna.nowak@EXAMPLE.org", "console", default);

        report.Erased.ShouldBe(new Dictionary<string, int>
        {
            ["inquiries"] = 1, ["donations"] = 1, ["outbox"] = 3, ["eml"] = 3, ["mailEvents"] = 1,
            ["duplicateIndex"] = 1, ["idempotencyKeys"] = 1, ["acknowledgementCounts"] = 1, ["index"] = 2,
        }, ignoreOrder: true);
        Directory.GetFiles(outbox).Select(Path.GetFileName).ShouldBe(["PI-OTHER.acknowledgement.1.eml"]);
        index.Entries.Values.ShouldAllBe(l => l.Count == 0);
    }

    [Fact]
    public async Task ErasePersonAsync_Twice_SecondRunReportsZeroForEveryKind()
    {
        var sut = CreateSut();
        await sut.ErasePersonAsync(Email, "api", default);

        var again = await sut.ErasePersonAsync(Email, "api", default);

        again.Erased.Count.ShouldBe(9);
        again.Total.ShouldBe(0);
    }

    [Fact]
    public async Task ErasePersonAsync_Any_AuditedUnderAKeyedHashNeverTheAddress()
    {
        await CreateSut().ErasePersonAsync(Email, "operator-1", default);

        var action = audit.Actions.ShouldHaveSingleItem();
        action.Scope.ShouldBe(PersonalDataEraser.AuditScope);
        action.Actor.ShouldBe("operator-1");
        action.Action.ShouldBe("erase-person");
        action.Subject.ShouldStartWith("person-");
        $"{action.Subject} {action.Detail}".ShouldNotContain("anna", Case.Insensitive);
        action.Subject.ShouldBe(CreateSut().SubjectOf("anna.nowak@example.org")); // case and +tag do not matter
    }

    [Fact]
    public async Task EraseInquiryAsync_OneReference_ErasesItButNotTheDonation()
    {
        var report = await CreateSut().EraseInquiryAsync(Reference, "retention", default);

        report.Erased["inquiries"].ShouldBe(1);
        report.Erased["donations"].ShouldBe(0);
        report.Erased["index"].ShouldBe(1);
        report.Erased["idempotencyKeys"].ShouldBe(1);
        store.Donations["DN-1"].Erased.ShouldBeFalse();
        (await index.FindAsync(Email, default)).ShouldBe([new PersonalDataEntry(PersonalDataEntry.Donation, "DN-1")]);
    }

    [Fact]
    public async Task EraseDonationContactAsync_OneDonation_ErasesItsContactAndMailsOnly()
    {
        var report = await CreateSut().EraseDonationContactAsync("DN-1", "retention", default);

        report.Erased["donations"].ShouldBe(1);
        report.Erased["outbox"].ShouldBe(1);
        report.Erased["inquiries"].ShouldBe(0);
        store.Inquiries[Reference].Erased.ShouldBeFalse();
        File.Exists(Path.Combine(outbox, "DN-1.thank-you.1.eml")).ShouldBeFalse();
    }

    [Fact]
    public async Task ExportAsync_IndexedRecords_ListsThemAndIsAudited()
    {
        var export = await CreateSut().ExportAsync(Email, "console", default);

        export.Inquiries.Select(i => i.Reference).ShouldBe([Reference]);
        export.Donations.Select(d => d.Id).ShouldBe(["DN-1"]);
        audit.Actions.ShouldHaveSingleItem().Action.ShouldBe("export");
    }

    public void Dispose() => Directory.Delete(outbox, recursive: true);

    private PersonalDataEraser CreateSut() => new(
        index,
        store,
        audit,
        new LimitKeys(Options.Create(new LinkOptions { SigningKey = "unit-test-signing-key-of-enough-length" })),
        Options.Create(new MailOptions { OutboxPath = outbox }),
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
        NullLogger<PersonalDataEraser>.Instance);
}
