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

    /// <summary>The path of an action link in the assignment e-mail's text part ("Accept", "Redirect to another entity", "Decline").</summary>
    public static string Link(this AppProcess app, string reference, int sequence, string label) =>
        ActionLink(Eml.Read(Path.Combine(app.OutboxPath, $"{reference}.assignment.{sequence}.eml")).Text, label);

    /// <summary>
    /// The path of the action link for <paramref name="label"/> in a mail's text, whatever language the mail is in (entity mails
    /// are in the entity's language): found by the action its signed token carries ("reference|sequence|action|expiry").
    /// </summary>
    public static string ActionLink(string text, string label)
    {
        var action = label switch
        {
            "Accept" => "accept",
            "Redirect to another entity" => "redirect",
            "Decline" => "decline",
            _ => label,
        };
        foreach (Match match in Regex.Matches(text, @"(https?://\S+/assignments/([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+)"))
        {
            var payload = match.Groups[2].Value.Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            if (System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload)).Split('|')[2] == action)
            {
                return new Uri(match.Groups[1].Value).PathAndQuery;
            }
        }

        throw new ShouldAssertException($"no '{label}' link in the e-mail");
    }

    /// <summary>The withdrawal link in the partner's acknowledgement.</summary>
    public static string WithdrawLink(AppProcess app, string reference) =>
        Regex.Match(Eml.Read(Path.Combine(app.OutboxPath, $"{reference}.acknowledgement.eml")).Text, @"https?://\S+/withdraw/[^\s]+").Value;

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
