using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>An assignment's steps through the real apps: a routed inquiry, its e-mail's links, its trail, the timer.</summary>
public static class LifecycleSteps
{
    public static async Task<string> RoutedAsync(this AppProcess app)
    {
        var reference = await app.SubmitValidAsync(Inquiries.Valid);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(Path.Combine(app.OutboxPath, $"{reference}.assignment.1.eml"))),
            TimeSpan.FromSeconds(10), "assignment e-mail sent");
        await Eventually.HoldsAsync(async () => (await app.StatusAsync(reference)).GetProperty("status").GetString() == "routed",
            TimeSpan.FromSeconds(10), "status routed");
        return reference;
    }

    /// <summary>The path of an action link in the assignment e-mail's text part.</summary>
    public static string Link(this AppProcess app, string reference, int sequence, string label)
    {
        var text = Eml.Read(Path.Combine(app.OutboxPath, $"{reference}.assignment.{sequence}.eml")).Text;
        var match = Regex.Match(text, $@"- {Regex.Escape(label)}: (\S+)");
        match.Success.ShouldBeTrue($"no '{label}' link in the e-mail");
        return new Uri(match.Groups[1].Value).PathAndQuery;
    }

    public static async Task<JsonElement> TrailAsync(this AppProcess app, string reference)
    {
        using var response = await app.SendAdminAsync(HttpMethod.Get, $"/api/inquiries/{reference}/trail");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string?> StateAsync(this AppProcess app, string reference, int sequence) =>
        (await app.TrailAsync(reference)).GetProperty("assignments").EnumerateArray()
            .Where(a => a.GetProperty("sequence").GetInt32() == sequence)
            .Select(a => a.GetProperty("state").GetString())
            .FirstOrDefault();

    public static async Task<List<string?>> ActionsAsync(this AppProcess app, string reference) =>
        (await app.TrailAsync(reference)).GetProperty("trail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();

    public static Task<HttpResponseMessage> PostLinkAsync(this AppProcess app, string url, Dictionary<string, string> fields) =>
        app.Web.PostAsync(url, new FormUrlEncodedContent(fields));
}
