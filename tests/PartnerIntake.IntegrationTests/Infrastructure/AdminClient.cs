using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>Admin calls the tests make (admin key attached), and the test clock.</summary>
public static class AdminClient
{
    public static async Task<HttpResponseMessage> SendAdminAsync(this AppProcess app, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", AppProcess.AdminKey);
        return await app.Http.SendAsync(request);
    }

    public static async Task<DateTimeOffset> NowAsync(this AppProcess app)
    {
        using var response = await app.SendAdminAsync(HttpMethod.Post, "/admin/clock", JsonContent.Create(new { hours = 0.0 }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>Moves both apps' clocks (the Functions app's /admin/clock, the web app's /testing/clock) by the same amount.</summary>
    public static async Task AdvanceClockToAsync(this AppProcess app, DateTimeOffset target)
    {
        var now = await app.NowAsync();
        if (target > now)
        {
            var hours = JsonContent.Create(new { hours = (target - now).TotalHours });
            using var response = await app.SendAdminAsync(HttpMethod.Post, "/admin/clock", hours);
            response.EnsureSuccessStatusCode();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/testing/clock") { Content = JsonContent.Create(new { hours = (target - now).TotalHours }) };
            request.Headers.Add("x-functions-key", AppProcess.AdminKey);
            using var web = await app.Web.SendAsync(request);
            web.EnsureSuccessStatusCode();
        }
    }

    public static async Task RunFunctionAsync(this AppProcess app, string name)
    {
        using var response = await app.SendAdminAsync(HttpMethod.Post, $"/admin/functions/{name}", JsonContent.Create(new { input = "" }));
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
