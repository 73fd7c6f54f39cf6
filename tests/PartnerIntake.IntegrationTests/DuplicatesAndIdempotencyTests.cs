using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(AppCollection.Name)]
public class DuplicatesAndIdempotencyTests(AppFixture fixture)
{
    private AppProcess App => fixture.App;

    [Fact]
    public async Task Submit_SameIdempotencyKeyConcurrently_OneInquiryOneAssignmentOneSetOfEmails()
    {
        var key = Guid.NewGuid().ToString();
        var body = Inquiries.With(n => n["organization"]!["name"] = "Idempotency Museum " + key[..8]);
        var before = await fixture.Storage.CountInquiriesAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(body, key)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Accepted);
        var references = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()));
        references.Distinct().Count().ShouldBe(1);
        var reference = references[0]!;
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before + 1);
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        await Eventually.HoldsAsync(async () => await fixture.Storage.QueueLengthAsync(QueueNames.Inquiries) == 0,
            TimeSpan.FromSeconds(10), "replayed messages consumed");
        (await fixture.Storage.CountAssignmentsAsync(reference)).ShouldBe(1);
        App.OutboxFiles(reference).Length.ShouldBe(3); // assignment, collaborator, acknowledgement
    }

    [Fact]
    public async Task Submit_SameKeyForADifferentInquiry_Answers422AndStoresNothing()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(Inquiries.Valid, key);
        var before = await fixture.Storage.CountInquiriesAsync();

        using var second = await PostAsync(Inquiries.With(n => n["organization"]!["country"] = "DE"), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        second.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Route_SameOrganisationWritesAgain_LinkedWithHistoryAndStillAccepted()
    {
        var name = "Städtisches Museum " + Guid.NewGuid().ToString("N")[..8];
        var unique = Guid.NewGuid().ToString("N")[..8];
        var first = await App.SubmitValidAsync(Inquiries.With(n =>
        {
            n["organization"]!["name"] = name;
            n["organization"]!["website"] = null;
            n["contact"]!["email"] = $"first-{unique}@example.org";
        }));
        await Eventually.HoldsAsync(async () => (await App.StatusAsync(first)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "first routed");

        // Same organisation, written differently, from another person.
        var second = await App.SubmitValidAsync(Inquiries.With(n =>
        {
            n["organization"]!["name"] = "  " + name.ToUpperInvariant().Replace("Ä", "A", StringComparison.Ordinal) + "!";
            n["organization"]!["website"] = null;
            n["contact"]!["name"] = "Jan Kowalski";
            n["contact"]!["email"] = $"second-{unique}@example.net";
        }));
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(App.OutboxPath, $"{second}.assignment.1.eml"))),
            TimeSpan.FromSeconds(10), "second assignment e-mail");

        var mail = Eml.Read(Path.Combine(App.OutboxPath, $"{second}.assignment.1.eml"));
        mail.Text.ShouldContain("Ta organizacja lub osoba kontaktowa pisała już wcześniej:"); // Wikimedia Polska's mails are in Polish
        mail.Text.ShouldContain($"{first}, otrzymane ");
        mail.Text.Split('\n').Count(l => l.StartsWith("- PI-", StringComparison.Ordinal)).ShouldBe(1);
        mail.Text.ShouldContain("od tej samej organizacji: przydzielone do Wikimedia Polska");
        Eml.Read(Path.Combine(App.OutboxPath, $"{first}.assignment.1.eml")).Text.ShouldNotContain("pisała już wcześniej");
    }

    private Task<HttpResponseMessage> PostAsync(string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return App.Http.SendAsync(request);
    }
}
