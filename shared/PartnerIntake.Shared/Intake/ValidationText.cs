using System.Globalization;
using System.Resources;

namespace PartnerIntake.Shared.Intake;

/// <summary>
/// The inquiry validator's messages from <c>ValidationText*.resx</c> (neutral English plus de, es, fr, pl, pt, ar
/// satellite assemblies), in <see cref="CultureInfo.CurrentUICulture"/> as it is when the message is built: the web
/// form sets it per request, the API leaves it alone. Unsupported cultures fall back to English.
/// </summary>
public static class ValidationText
{
    /// <summary>The manifest name of the neutral resources (root namespace + folder + file name).</summary>
    public const string BaseName = "PartnerIntake.Shared.Intake.ValidationText";

    public static ResourceManager ResourceManager { get; } = new(BaseName, typeof(ValidationText).Assembly);

    public static string BodyMustBeObject => Get(nameof(BodyMustBeObject));

    public static string Required => Get(nameof(Required));

    public static string MustBeString => Get(nameof(MustBeString));

    public static string MustBeObject => Get(nameof(MustBeObject));

    public static string MustBeBoolean => Get(nameof(MustBeBoolean));

    public static string SingleLineWithoutControlCharacters => Get(nameof(SingleLineWithoutControlCharacters));

    public static string NoAngleBrackets => Get(nameof(NoAngleBrackets));

    public static string NoDirectionControls => Get(nameof(NoDirectionControls));

    public static string NoLinks => Get(nameof(NoLinks));

    public static string UnknownField => Get(nameof(UnknownField));

    public static string CountryCode => Get(nameof(CountryCode));

    public static string SubdivisionCode => Get(nameof(SubdivisionCode));

    public static string SubdivisionOutsideCountry => Get(nameof(SubdivisionOutsideCountry));

    public static string EmailAddress => Get(nameof(EmailAddress));

    public static string LanguageCode => Get(nameof(LanguageCode));

    public static string TopicsRequired => Get(nameof(TopicsRequired));

    public static string TopicsMustBeArray => Get(nameof(TopicsMustBeArray));

    public static string TopicMustBeString => Get(nameof(TopicMustBeString));

    public static string LanguagesMustBeArray => Get(nameof(LanguagesMustBeArray));

    public static string LanguageEntry => Get(nameof(LanguageEntry));

    public static string MessageRequired => Get(nameof(MessageRequired));

    public static string NoControlCharacters => Get(nameof(NoControlCharacters));

    public static string PlainTextOnly => Get(nameof(PlainTextOnly));

    public static string ConsentRequired => Get(nameof(ConsentRequired));

    public static string WebAddress => Get(nameof(WebAddress));

    public static string MaxLength(int maxLength) => Format(nameof(MaxLength), maxLength);

    /// <param name="allowed">Codes, not translated; listed in the order given.</param>
    public static string OneOf(IEnumerable<string> allowed) => Format(nameof(OneOf), string.Join(", ", allowed));

    public static string UnknownTopic(string topic, IEnumerable<string> allowed) =>
        Format(nameof(UnknownTopic), topic, string.Join(", ", allowed));

    public static string TooManyLanguages(int maxLanguages) => Format(nameof(TooManyLanguages), maxLanguages);

    // A missing key is a bug (the tests enumerate every key), not an expected failure.
    private static string Get(string name) =>
        ResourceManager.GetString(name, CultureInfo.CurrentUICulture)
        ?? throw new MissingManifestResourceException($"No resource '{name}' in {BaseName}.");

    private static string Format(string name, params object[] args) =>
        string.Format(CultureInfo.CurrentUICulture, Get(name), args);
}
