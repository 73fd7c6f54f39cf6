using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The apps with privacy settings of their own, so the tests can find them on the page and in storage.</summary>
public sealed class PrivacyAppFixture : AppFixture
{
    public const string ControllerName = "Fundacja Testowa & Partners";
    public const string ControllerEmail = "dpo@controller.example";
    public const int RetentionMonths = 18;
    public const string ConsentVersion = "notice-test-7";

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Web__MinFillSeconds"] = "1",
        ["Privacy__ControllerName"] = ControllerName,
        ["Privacy__ControllerEmail"] = ControllerEmail,
        ["Privacy__RetentionMonths"] = RetentionMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Privacy__ConsentVersion"] = ConsentVersion,
    };
}

[CollectionDefinition(Name)]
public sealed class PrivacyAppCollection : ICollectionFixture<PrivacyAppFixture>
{
    public const string Name = "privacy settings on their own Azurite";
}
