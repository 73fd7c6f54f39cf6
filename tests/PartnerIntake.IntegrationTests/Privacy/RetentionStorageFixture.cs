using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>
/// Retention on its own Azurite: a run reads every due entry and purges housekeeping rows of the whole account, so it
/// must not share storage with tests that keep such rows.
/// </summary>
public sealed class RetentionStorageFixture : StorageFixture;

[CollectionDefinition(Name)]
public sealed class RetentionStorageCollection : ICollectionFixture<RetentionStorageFixture>
{
    public const string Name = "retention storage on its own Azurite";
}
