using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

/// <summary>The retention index's meaning without its storage: each subject's current due time (null: kept).</summary>
public sealed class InMemoryRetentionIndex : IRetentionIndex
{
    public Dictionary<(string Kind, string Id), DateTimeOffset?> Current { get; } = [];

    public DateTimeOffset? DueOf(string kind, string id) => Current.GetValueOrDefault((kind, id));

    public Task AddAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        Current[(kind, id)] = dueAt;
        return Task.CompletedTask;
    }

    public Task SetAsync(string kind, string id, DateTimeOffset? dueAt, DateTimeOffset? firstDue, CancellationToken cancellationToken)
    {
        Current[(kind, id)] = dueAt;
        return Task.CompletedTask;
    }

    public Task ExtendAsync(string kind, string id, DateTimeOffset dueAt, bool keptStaysKept, DateTimeOffset? firstDue, CancellationToken cancellationToken)
    {
        var known = Current.TryGetValue((kind, id), out var current) || firstDue is not null;
        current = Current.ContainsKey((kind, id)) ? current : firstDue;
        Current[(kind, id)] = !known ? dueAt
            : current is null ? (keptStaysKept ? null : dueAt)
            : current > dueAt ? current : dueAt;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RetentionDue>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RetentionDue>>(Current
            .Where(c => c.Value is { } at && at <= now)
            .Select(c => new RetentionDue(c.Key.Kind, c.Key.Id, c.Value!.Value))
            .Take(max)
            .ToList());

    public Task<bool> IsCurrentAsync(RetentionDue due, CancellationToken cancellationToken) =>
        Task.FromResult(Current.GetValueOrDefault((due.Kind, due.Id)) == due.DueAt);

    public Task CompleteAsync(RetentionDue due, CancellationToken cancellationToken)
    {
        if (Current.GetValueOrDefault((due.Kind, due.Id)) == due.DueAt)
        {
            Current.Remove((due.Kind, due.Id));
        }

        return Task.CompletedTask;
    }
}
