using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.IntegrationTests.Infrastructure;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.IntegrationTests;

[Collection(AppCollection.Name)]
public class MalformedSubmissionTests(AppFixture fixture)
{
    public sealed record Case(string Name, string Body, string ContentType, int Status, string? Field);

    public static IEnumerable<Case> Cases()
    {
        const string json = "application/json";
        yield return new("truncated JSON", "{\"organization\":", json, 400, "$");
        yield return new("empty body", "", json, 400, "$");
        yield return new("array", "[]", json, 400, "$");
        yield return new("bare string", "\"hello\"", json, 400, "$");
        yield return new("null", "null", json, 400, "$");
        yield return new("invalid UTF-8 string escape", "{\"message\":\"\\uD800\"", json, 400, "$");
        yield return new("organization is a string", Inquiries.With(n => n["organization"] = "Museum"), json, 400, "organization");
        yield return new("organization.name is a number", Inquiries.With(n => n["organization"]!["name"] = 42), json, 400, "organization.name");
        yield return new("organization missing", Inquiries.With(n => n.AsObject().Remove("organization")), json, 400, "organization");
        yield return new("contact missing", Inquiries.With(n => n.AsObject().Remove("contact")), json, 400, "contact");
        yield return new("topics missing", Inquiries.With(n => n.AsObject().Remove("topics")), json, 400, "topics");
        yield return new("topics empty", Inquiries.With(n => n["topics"] = new JsonArray()), json, 400, "topics");
        yield return new("unknown topic", Inquiries.With(n => n["topics"] = new JsonArray("unicorns")), json, 400, "topics");
        yield return new("topics is a string", Inquiries.With(n => n["topics"] = "education"), json, 400, "topics");
        yield return new("scale invalid", Inquiries.With(n => n["scale"] = "planetary"), json, 400, "scale");
        yield return new("agreement is a boolean", Inquiries.With(n => n["agreement"] = true), json, 400, "agreement");
        yield return new("consent false", Inquiries.With(n => n["consent"] = false), json, 400, "consent");
        yield return new("consent is a string", Inquiries.With(n => n["consent"] = "true"), json, 400, "consent");
        yield return new("unknown country", Inquiries.With(n => n["organization"]!["country"] = "XX"), json, 400, "organization.country");
        yield return new("alpha-3 country", Inquiries.With(n => n["organization"]!["country"] = "POL"), json, 400, "organization.country");
        yield return new("invalid e-mail", Inquiries.With(n => n["contact"]!["email"] = "anna(at)example.org"), json, 400, "contact.email");
        yield return new("CR/LF in e-mail", Inquiries.With(n => n["contact"]!["email"] = "anna@example.org\r\nBcc: all@example.org"), json, 400, "contact.email");
        yield return new("CR/LF in organization name", Inquiries.With(n => n["organization"]!["name"] = "Museum\r\nBcc: all@example.org"), json, 400, "organization.name");
        yield return new("LF in contact name", Inquiries.With(n => n["contact"]!["name"] = "Anna\nNowak"), json, 400, "contact.name");
        yield return new("script tag in organization name", Inquiries.With(n => n["organization"]!["name"] = "<script>alert(1)</script>"), json, 400, "organization.name");
        yield return new("script tag in message", Inquiries.With(n => n["message"] = "Hi <script>alert(document.cookie)</script>"), json, 400, "message");
        yield return new("javascript: website", Inquiries.With(n => n["organization"]!["website"] = "javascript:alert(1)"), json, 400, "organization.website");
        yield return new("unknown field", Inquiries.With(n => n["priority"] = "urgent"), json, 400, "priority");
        yield return new("subdivision of another country", Inquiries.With(n => n["organization"]!["subdivision"] = "US-NY"), json, 400, "organization.subdivision");
        yield return new("oversize body", Inquiries.With(n => n["message"] = new string('a', 70 * 1024)), json, 413, null);
        yield return new("form-encoded", "organization.name=Museum", "application/x-www-form-urlencoded", 415, null);
        yield return new("text/plain JSON", Inquiries.Valid, "text/plain", 415, null);
    }

    [Fact]
    public async Task Submit_MalformedInputs_Each4xxWithProblemAndNothingStoredOrQueued()
    {
        var inquiriesBefore = await fixture.Storage.CountInquiriesAsync();
        var mailsBefore = await fixture.Storage.CountAllMailsAsync();
        var logBefore = fixture.App.Output.Length;
        var cases = Cases().ToList();
        cases.Count.ShouldBeGreaterThanOrEqualTo(30);

        foreach (var c in cases)
        {
            using var content = new StringContent(c.Body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(c.ContentType);
            using var response = await fixture.App.Http.PostAsync("/api/inquiries", content);

            ((int)response.StatusCode).ShouldBe(c.Status, c.Name);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", c.Name);
            if (c.Field is not null)
            {
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                problem.GetProperty("errors").TryGetProperty(c.Field, out var reasons).ShouldBeTrue($"{c.Name}: no error for {c.Field}");
                reasons[0].GetString().ShouldNotBeNullOrWhiteSpace(c.Name);
            }
        }

        (await fixture.Storage.CountInquiriesAsync()).ShouldBe(inquiriesBefore);
        (await fixture.Storage.QueueLengthAsync(QueueNames.Inquiries)).ShouldBe(0);
        (await fixture.Storage.CountAllMailsAsync()).ShouldBe(mailsBefore);
        fixture.App.Output[logBefore..].ShouldNotContain("accepted (country");
    }

    /// <summary>Bytes that are not UTF-8 (a lone 0xFF inside a JSON string) reach no parser: 400 on every JSON endpoint, never 500.</summary>
    [Theory]
    [InlineData("/api/inquiries", false)]
    [InlineData("/api/donations", true)]
    [InlineData("/api/routing/explain", true)]
    [InlineData("/api/routing/dry-run", true)]
    public async Task Post_BodyNotUtf8_400ProblemNamingTheBody(string path, bool admin)
    {
        var bytes = Encoding.UTF8.GetBytes(Inquiries.Valid).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'A') + 1, [0xFF, 0xFE]); // inside "Anna Nowak": not UTF-8
        using var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (admin)
        {
            request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        }

        using var response = await fixture.App.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("$")[0].GetString()
            .ShouldBe("The body is not valid UTF-8.");
    }

    [Fact]
    public async Task Language_ReturnUrlWithAControlCharacter_RedirectsHomeNot500()
    {
        using var response = await fixture.App.Web.GetAsync("/language/en?returnUrl=/%09/evil.example");

        response.StatusCode.ShouldBe(HttpStatusCode.OK); // the client followed the redirect: home, not the other host
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/");
        response.RequestMessage.RequestUri.Authority.ShouldBe(fixture.App.WebAddress.Authority);
    }
}
