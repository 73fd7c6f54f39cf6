namespace PartnerIntake.Shared.Common;

/// <summary>Errors per field, keyed by the field's JSON path (e.g. <c>contact.email</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string reason)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            list = [];
            errors[field] = list;
        }

        list.Add(reason);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>Either a value or the reasons it could not be built: expected failures are results, not exceptions.</summary>
public sealed record Validated<T>(T? Value, ValidationErrors Errors)
    where T : class
{
    public bool IsValid => Value is not null && Errors.IsEmpty;
}
