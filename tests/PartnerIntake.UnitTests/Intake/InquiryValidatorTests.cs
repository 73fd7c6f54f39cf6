using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerIntake.Shared.Intake;
using PartnerIntake.UnitTests.Support;

namespace PartnerIntake.UnitTests.Intake;

public class InquiryValidatorTests
{
    public static readonly string ValidJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "inquiry.json"));

    [Fact]
    public void Validate_ContractExample_IsValid()
    {
        var result = Validate(JsonNode.Parse(ValidJson)!);

        result.IsValid.ShouldBeTrue();
        result.Value!.Organization.Country.ShouldBe("PL");
        result.Value.Contact.Language.ShouldBe("pl");
        result.Value.Topics.ShouldBe(["content-donation"]);
    }

    [Theory]
    [InlineData("organization.name", null, "Is required.")]
    [InlineData("organization.name", "", "Is required.")]
    [InlineData("organization.name", 42, "Must be a string.")]
    [InlineData("organization.name", "Evil\r\nBcc: x@example.org", "Must be a single line without control characters.")]
    [InlineData("organization.name", "<script>alert(1)</script>", "Must not contain < or >.")]
    [InlineData("organization.type", "castle", "Must be one of")]
    [InlineData("organization.website", "javascript:alert(1)", "Must be a web address")]
    [InlineData("organization.website", "ftp://example.org", "Must be a web address")]
    [InlineData("organization.country", "XX", "ISO 3166-1 alpha-2")]
    [InlineData("organization.country", "pl", "ISO 3166-1 alpha-2")]
    [InlineData("organization.subdivision", "N-Y", "ISO 3166-2")]
    [InlineData("organization.subdivision", "US-NY", "Must belong to the country")]
    [InlineData("contact.name", null, "Is required.")]
    [InlineData("contact.email", "not-an-email", "Must be a single e-mail address")]
    [InlineData("contact.email", "Anna <anna@example.org>", "Must not contain < or >.")]
    [InlineData("contact.email", "anna@localhost", "Must be a single e-mail address")]
    [InlineData("contact.language", "Polish", "Must be a language code")]
    [InlineData("scale", "planetary", "Must be one of")]
    [InlineData("agreement", "handshake", "Must be one of")]
    [InlineData("message", "", "Is required")]
    [InlineData("message", "Hello <script>alert(1)</script>", "HTML tags are not allowed")]
    [InlineData("consent", false, "You must agree")]
    [InlineData("consent", "yes", "Must be true or false.")]
    public void Validate_InvalidField_ReportsFieldAndReason(string path, object? value, string reason)
    {
        var node = JsonNode.Parse(ValidJson)!;
        Set(node, path, value);

        var result = Validate(node);

        result.IsValid.ShouldBeFalse();
        var errors = result.Errors.ToDictionary();
        errors.ShouldContainKey(path);
        errors[path].ShouldContain(m => m.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mnw.art.pl", "https://mnw.art.pl")]
    [InlineData("www.museum.org/en/collections", "https://www.museum.org/en/collections")]
    [InlineData("http://museum.example", "http://museum.example")]
    [InlineData("https://mnw.art.pl", "https://mnw.art.pl")]
    public void Validate_WebsiteWithOrWithoutScheme_HttpsAddedWhenMissing(string typed, string stored)
    {
        var node = JsonNode.Parse(ValidJson)!;
        Set(node, "organization.website", typed);

        var result = Validate(node);

        result.IsValid.ShouldBeTrue();
        result.Value!.Organization.Website.ShouldBe(stored);
    }

    [Theory]
    [InlineData("localhost:8080")]
    [InlineData("not a web address")]
    [InlineData("mailto:anna@example.org")]
    public void Validate_WebsiteThatIsNoWebAddressEvenWithHttps_Refused(string typed)
    {
        var node = JsonNode.Parse(ValidJson)!;
        Set(node, "organization.website", typed);

        Validate(node).Errors.ToDictionary().ShouldContainKey("organization.website");
    }

    [Theory]
    [InlineData("[]", "topics", "Is required")]
    [InlineData("[\"unicorns\"]", "topics", "Unknown topic")]
    [InlineData("\"education\"", "topics", "Must be an array")]
    [InlineData("[1]", "topics", "Every topic must be a string")]
    [InlineData("[\"english\"]", "contentLanguages", "Wikipedia language")]
    [InlineData("[\"pt-BR\"]", "contentLanguages", "Wikipedia language")]
    [InlineData("[\"xx\"]", "contentLanguages", "Wikipedia language")]
    public void Validate_InvalidList_ReportsFieldAndReason(string json, string field, string reason)
    {
        var node = JsonNode.Parse(ValidJson)!;
        node[field] = JsonNode.Parse(json);

        var errors = Validate(node).Errors.ToDictionary();

        errors[field].ShouldContain(m => m.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingEverything_ReportsEveryRequiredField()
    {
        var errors = Validate(JsonNode.Parse("{}")!).Errors.ToDictionary();

        errors.Keys.ShouldBe(["organization", "contact", "topics", "scale", "agreement", "message", "consent"], ignoreOrder: true);
    }

    [Fact]
    public void Validate_UnknownField_IsRejected()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["organization"]!["budget"] = 1000;

        Validate(node).Errors.ToDictionary().ShouldContainKey("organization.budget");
    }

    [Fact]
    public void Validate_NotAnObject_IsRejected()
    {
        Validate(JsonNode.Parse("[1,2]")!).Errors.ToDictionary().ShouldContainKey("$");
    }

    [Fact]
    public void Validate_SubdivisionOfTheCountry_IsValid()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["organization"]!["country"] = "US";
        node["organization"]!["subdivision"] = "US-NY";

        Validate(node).Value!.Organization.Subdivision.ShouldBe("US-NY");
    }

    [Theory]
    [InlineData("NY", "US-NY")]
    [InlineData("ny", "US-NY")]
    [InlineData("us-dc", "US-DC")]
    public void Validate_SubdivisionWithoutCountryPrefix_TakenInTheCountry(string typed, string stored)
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["organization"]!["country"] = "US";
        node["organization"]!["subdivision"] = typed;

        Validate(node).Value!.Organization.Subdivision.ShouldBe(stored);
    }

    [Fact]
    public void Validate_WikipediaLanguages_AcceptedInLowerCase()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["contentLanguages"] = JsonNode.Parse("""["cy", "zh-yue", "EN", "be-tarask", "cy"]""");

        Validate(node).Value!.ContentLanguages.ShouldBe(["cy", "zh-yue", "en", "be-tarask"]);
    }

    [Fact]
    public void Validate_NoLanguage_DefaultsToEnglish()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["contact"]!.AsObject().Remove("language");

        Validate(node).Value!.Contact.Language.ShouldBe("en");
    }

    [Fact]
    public void Validate_DuplicateTopics_AreCollapsed()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["topics"] = new JsonArray("education", "education", "events");

        Validate(node).Value!.Topics.ShouldBe(["education", "events"]);
    }

    [Fact]
    public void Validate_OverlongMessage_IsRejected()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["message"] = new string('a', InquiryContract.MaxMessageLength + 1);

        Validate(node).Errors.ToDictionary()["message"].ShouldContain(m => m.Contains("at most", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "Is required.", "You must agree to the privacy notice so that we can store and forward your inquiry.")]
    [InlineData("de", "Dieses Feld ist erforderlich.", "Bitte stimmen Sie den Datenschutzhinweisen zu, damit wir Ihre Anfrage speichern und weiterleiten können.")]
    [InlineData("es", "Este campo es obligatorio.", "Debe aceptar el aviso de privacidad para que podamos guardar y reenviar su consulta.")]
    [InlineData("fr", "Ce champ est obligatoire.", "Vous devez accepter la politique de confidentialité pour que nous puissions enregistrer et transmettre votre demande.")]
    [InlineData("pl", "To pole jest wymagane.", "Należy zaakceptować informację o ochronie prywatności, abyśmy mogli zapisać i przekazać dalej Państwa zapytanie.")]
    [InlineData("pt", "Este campo é obrigatório.", "É necessário aceitar o aviso de privacidade para que possamos guardar e encaminhar o seu pedido.")]
    [InlineData("ar", "هذا الحقل مطلوب.", "يجب الموافقة على إشعار الخصوصية حتى نتمكن من حفظ استفساركم وإحالته.")]
    public void Validate_MissingNameAndNoConsent_ReportsInCurrentUICulture(string culture, string required, string consent)
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["contact"]!.AsObject().Remove("name");
        node["consent"] = false;

        var errors = Validate(node, culture).Errors.ToDictionary();

        errors["contact.name"].ShouldBe([required]);
        errors["consent"].ShouldBe([consent]);
    }

    [Fact]
    public void Validate_OverlongNameInPolish_ReportsLimitInPolish()
    {
        var node = JsonNode.Parse(ValidJson)!;
        node["organization"]!["name"] = new string('a', InquiryContract.MaxNameLength + 1);

        Validate(node, "pl").Errors.ToDictionary()["organization.name"].ShouldBe(["Maksymalna liczba znaków: 200."]);
    }

    /// <summary>Validates with <paramref name="culture"/> as the UI culture (English unless a test asks otherwise).</summary>
    private static PartnerIntake.Shared.Common.Validated<InquirySubmission> Validate(JsonNode node, string culture = "en")
    {
        using var scope = new UICultureScope(culture);
        using var doc = JsonDocument.Parse(node.ToJsonString());
        return InquiryValidator.Validate(doc.RootElement);
    }

    private static void Set(JsonNode root, string path, object? value)
    {
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? root : root[parts[0]]!;
        parent[parts[^1]] = value is null ? null : JsonValue.Create(value);
    }
}
