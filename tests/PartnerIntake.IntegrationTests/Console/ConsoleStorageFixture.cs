using PartnerIntake.IntegrationTests.Infrastructure;

namespace PartnerIntake.IntegrationTests.Console;

/// <summary>
/// The console's storage reads and operations on their own Azurite. Tests share it, so each works on its own
/// references, ids and counts (never on table totals).
/// </summary>
public sealed class ConsoleStorageFixture : StorageFixture;

[CollectionDefinition(Name)]
public sealed class ConsoleStorageCollection : ICollectionFixture<ConsoleStorageFixture>
{
    public const string Name = "console storage on its own Azurite";
}
