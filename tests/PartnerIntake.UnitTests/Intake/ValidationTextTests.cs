using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

public partial class ValidationTextTests
{
    public static readonly TheoryData<string> Translations = new("de", "es", "fr", "pl", "pt", "ar");

    [Fact]
    public void BaseName_EmbeddedResource_MatchesManifestName()
    {
        typeof(ValidationText).Assembly.GetManifestResourceNames().ShouldContain(ValidationText.BaseName + ".resources");
    }

    [Fact]
    public void Assembly_NeutralResourcesLanguage_IsEnglish()
    {
        typeof(ValidationText).Assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()!.CultureName.ShouldBe("en");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void ResourceSet_Translation_HasEveryNeutralKeyWithTheSamePlaceholders(string culture)
    {
        var neutral = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(culture));

        translated.Keys.ShouldBe(neutral.Keys, ignoreOrder: true);
        foreach (var (key, english) in neutral)
        {
            var text = translated[key];
            text.ShouldNotBeNullOrWhiteSpace(key);
            Placeholders(text).ShouldBe(Placeholders(english), $"{culture}: {key}");
            var args = Enumerable.Range(0, Placeholders(english).Count).Select(i => (object)$"arg{i}").ToArray();
            Should.NotThrow(() => string.Format(CultureInfo.InvariantCulture, text, args), $"{culture}: {key}");
        }
    }

    [Fact]
    public void ValidationText_EveryNeutralKey_HasOneAccessor()
    {
        var accessors = typeof(ValidationText)
            .GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is PropertyInfo { PropertyType.Name: nameof(String) } or MethodInfo { IsSpecialName: false, ReturnType.Name: nameof(String) })
            .Select(m => m.Name);

        accessors.ShouldBe(Entries(CultureInfo.InvariantCulture).Keys, ignoreOrder: true);
    }

    [Theory]
    [InlineData("de-AT", "Dieses Feld ist erforderlich.")]
    [InlineData("pt-BR", "Este campo é obrigatório.")]
    [InlineData("fr-CA", "Ce champ est obligatoire.")]
    [InlineData("ar-EG", "هذا الحقل مطلوب.")]
    public void Required_RegionalCulture_FallsBackToItsLanguage(string culture, string expected)
    {
        using var scope = new UICultureScope(culture);

        ValidationText.Required.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en-GB")]
    [InlineData("")]
    public void Required_UnsupportedCulture_FallsBackToEnglish(string culture)
    {
        using var scope = new UICultureScope(culture);

        ValidationText.Required.ShouldBe("Is required.");
    }

    [Fact]
    public void Required_CultureChangesBetweenCalls_FollowsCurrentUICulture()
    {
        using var scope = new UICultureScope("pl");
        var polish = ValidationText.Required;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");

        (polish, ValidationText.Required).ShouldBe(("To pole jest wymagane.", "Este campo es obligatorio."));
    }

    [Fact]
    public void MaxLength_German_InsertsTheLimit()
    {
        using var scope = new UICultureScope("de");

        ValidationText.MaxLength(10_000).ShouldBe("Darf höchstens 10000 Zeichen lang sein.");
    }

    [Fact]
    public void UnknownTopic_French_QuotesTopicAndListsAllowed()
    {
        using var scope = new UICultureScope("fr");

        ValidationText.UnknownTopic("licornes", ["education", "events"])
            .ShouldBe("Thème inconnu «\u00a0licornes\u00a0». Valeurs autorisées\u00a0: education, events.");
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        // tryParents: false, so a missing satellite assembly fails here instead of quietly falling back to English.
        var set = ValidationText.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        set.ShouldNotBeNull($"no resources for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static List<int> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?:,-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
