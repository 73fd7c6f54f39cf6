using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// Privacy tests scan every table and the outbox folder of their storage account, and move the clock to send a
/// donation's thank-you: their own Azurite and app, so no other test's rows or clock get in the way.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PrivacyCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "privacy on its own Azurite";
}
