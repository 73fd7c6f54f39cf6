using Microsoft.AspNetCore.Localization;

namespace PartnerIntake.Web.Localization;

/// <summary>
/// Where a page's language comes from when its reader has not chosen one: its subject, not the browser. An
/// affiliate's link page is in the entity's working language, an unsubscribe page in the donor's language.
/// </summary>
public interface IPageLanguage
{
    /// <summary>A language of <see cref="WebLanguages"/>, or null to leave it to the browser (a link that is not ours).</summary>
    Task<string?> LanguageAsync(HttpContext context, CancellationToken cancellationToken);
}

/// <summary>On a page model: the <see cref="IPageLanguage"/> service that picks the page's default language.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PageLanguageAttribute(Type source) : Attribute
{
    public Type Source { get; } = source;
}

/// <summary>
/// Asks the matched page's <see cref="IPageLanguage"/>. Runs after routing (it needs the endpoint) and after the
/// query string and the switcher's cookie, so an explicit choice still wins.
/// </summary>
public sealed class PageLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (httpContext.GetEndpoint()?.Metadata.GetMetadata<PageLanguageAttribute>() is not { } page)
        {
            return null;
        }

        var source = (IPageLanguage)httpContext.RequestServices.GetRequiredService(page.Source);
        var language = await source.LanguageAsync(httpContext, httpContext.RequestAborted);
        return language is null ? null : new ProviderCultureResult(language);
    }

    /// <summary>The first of a subject's languages that the pages are written in, else English.</summary>
    public static string FirstSupported(IEnumerable<string?> languages) =>
        languages.Select(l => l?.Split('-')[0].ToLowerInvariant()).FirstOrDefault(WebLanguages.IsSupported) ?? WebLanguages.Codes[0];
}
