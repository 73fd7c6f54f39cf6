using System.Net;
using System.Text.RegularExpressions;

namespace PartnerIntake.IntegrationTests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP client for the server-rendered pages, as a browser without JavaScript uses them:
/// GET a page, keep its hidden fields (antiforgery and form tokens), POST the form. Redirects are not followed.
/// </summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient http;

    public PageClient(AppProcess app, string? clientAddress = null, string? acceptLanguage = null)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = app.WebAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (clientAddress is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }

        if (acceptLanguage is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>The hidden fields of the last page fetched.</summary>
    public Dictionary<string, string> Hidden { get; private set; } = [];

    /// <summary>A client signed in to the console with the admin key, as an operator is locally.</summary>
    public static async Task<PageClient> SignedInAsync(AppProcess app)
    {
        var client = new PageClient(app);
        await client.GetAsync("/admin/signin");
        var (response, _) = await client.PostAsync("/admin/signin", [new("key", AppProcess.AdminKey)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Hidden = HiddenFields(html);
        return (response, html);
    }

    /// <summary>Posts the fields plus the last page's hidden fields (unless overridden or left out).</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(
        string path, IEnumerable<KeyValuePair<string, string>> fields, bool withHiddenFields = true)
    {
        var given = fields.ToList();
        var all = (withHiddenFields ? Hidden.Where(h => given.All(f => f.Key != h.Key)).ToList() : []).Concat(given).ToList();
        var response = await http.PostAsync(path, new FormUrlEncodedContent(all));
        var html = await response.Content.ReadAsStringAsync();
        return (response, html);
    }

    public async Task<(HttpResponseMessage Response, string Html)> PostMultipartAsync(string path, MultipartFormDataContent content)
    {
        var response = await http.PostAsync(path, content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => http.Dispose();

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html)
            .Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
            .Where(f => f.Name is not null)
            .GroupBy(f => f.Name!)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Value ?? ""));

    public static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{Regex.Escape(name)}=""([^""]*)""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*>")]
    private static partial Regex HiddenInput();
}
