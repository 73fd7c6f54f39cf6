namespace PartnerIntake.Shared.Storage;

/// <summary>Storage could not be reached or answered with a server error: a fault, not bad input.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
