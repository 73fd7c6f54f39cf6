using System.Globalization;

namespace PartnerIntake.Functions.Intake;

/// <summary>
/// The API's validation messages come in the language the client asks for (Accept-Language), among the seven the
/// partner pages have; English otherwise. Set per request, for the rest of its (async) flow.
/// </summary>
public static class ApiLanguage
{
    public static readonly IReadOnlyList<string> Codes = ["en", "de", "es", "fr", "pl", "pt", "ar"];

    public static void Apply(HttpRequest request)
    {
        var chosen = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(code => code is not null && Codes.Contains(code)) ?? "en";
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(chosen);
    }
}
