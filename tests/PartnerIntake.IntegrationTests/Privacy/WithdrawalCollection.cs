using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>The withdrawal tests move the clock past the links' two-year lifetime: their own Azurite and app.</summary>
[CollectionDefinition(Name)]
public sealed class WithdrawalCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "withdrawal on its own Azurite";
}
