using PartnerIntake.Shared.Intake;
using PartnerIntake.Shared.Storage;

namespace PartnerIntake.Shared.Routing;

public sealed record DecisionSummary(EntityRef Primary, IReadOnlyList<Collaborator> Collaborators);

public sealed record DecisionChange(string Reference, DecisionSummary Before, DecisionSummary After);

public sealed record DryRunReport(string LiveVersion, string CandidateVersion, int Inquiries, int Changed, IReadOnlyList<DecisionChange> Changes, bool Truncated);

public sealed record ImportResult(string Version, bool WasAlreadyLive);

public sealed record TablesSummary(string Version, int Entities, int ActiveEntities, int Regions, int TopicRules);

public enum RollbackOutcome
{
    RolledBack,
    AlreadyLive,
    NotFound,
}

/// <summary>
/// What operators do with routing tables: explain a decision without storing it, see what a candidate
/// table set would change over the stored inquiries, import a validated set as the new live version, download the
/// live tables as CSV, and make an earlier version live again. Every change of the live version is kept in its history.
/// </summary>
public sealed class RoutingAdministration(
    IRoutingTablesSource live,
    TableRoutingTablesStore store,
    IInquiryStore inquiries,
    TimeProvider time)
{
    public const int MaxReportedChanges = 500;

    public async Task<RoutingDecision> ExplainAsync(InquirySubmission inquiry, CancellationToken cancellationToken) =>
        Router.Route(inquiry, await live.GetLiveAsync(cancellationToken));

    public async Task<TablesSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        var tables = await live.GetLiveAsync(cancellationToken);
        return new TablesSummary(tables.Version, tables.Entities.Count, tables.Entities.Count(e => e.Active), tables.Regions.Count, tables.Topics.Count);
    }

    /// <summary>Routes every stored inquiry with the live and with the candidate tables and lists the differences.</summary>
    public async Task<DryRunReport> DryRunAsync(RoutingTables candidate, CancellationToken cancellationToken)
    {
        var current = await live.GetLiveAsync(cancellationToken);
        var changes = new List<DecisionChange>();
        var count = 0;
        var changed = 0;
        await foreach (var inquiry in inquiries.ScanAsync(cancellationToken))
        {
            count++;
            var before = Summarise(Router.Route(inquiry.Submission, current));
            var after = Summarise(Router.Route(inquiry.Submission, candidate));
            if (before.Primary.Id == after.Primary.Id
                && before.Collaborators.Select(c => c.Id).SequenceEqual(after.Collaborators.Select(c => c.Id)))
            {
                continue;
            }

            changed++;
            if (changes.Count < MaxReportedChanges)
            {
                changes.Add(new DecisionChange(inquiry.Reference, before, after));
            }
        }

        return new DryRunReport(current.Version, candidate.Version, count, changed,
            changes.OrderBy(c => c.Reference, StringComparer.Ordinal).ToList(), changed > changes.Count);
    }

    /// <param name="actor">Who imports, for the version history: the console operator's name, or "api".</param>
    public async Task<ImportResult> ImportAsync(RoutingTables candidate, string actor, CancellationToken cancellationToken)
    {
        if (await store.GetLiveVersionAsync(cancellationToken) == candidate.Version)
        {
            return new ImportResult(candidate.Version, WasAlreadyLive: true);
        }

        await store.ImportAsync(candidate, time.GetUtcNow(), onlyIfEmpty: false, cancellationToken, RoutingVersionChange.Import, actor);
        live.Invalidate();
        return new ImportResult(candidate.Version, WasAlreadyLive: false);
    }

    /// <summary>Makes a version kept in storage (an earlier import or seed) live again, recorded in the history.</summary>
    public async Task<RollbackOutcome> RollBackAsync(string version, string actor, CancellationToken cancellationToken)
    {
        if (await store.GetLiveVersionAsync(cancellationToken) == version)
        {
            return RollbackOutcome.AlreadyLive;
        }

        if (await store.RollBackAsync(version, actor, time.GetUtcNow(), cancellationToken) is null)
        {
            return RollbackOutcome.NotFound;
        }

        live.Invalidate();
        return RollbackOutcome.RolledBack;
    }

    /// <summary>A stored version's tables (null when none is stored under that id), e.g. to dry-run a rollback.</summary>
    public Task<RoutingTables?> VersionAsync(string version, CancellationToken cancellationToken) => store.LoadAsync(version, cancellationToken);

    public Task<IReadOnlyList<RoutingVersionChange>> HistoryAsync(int max, CancellationToken cancellationToken) => store.HistoryAsync(max, cancellationToken);

    /// <summary>The live tables as the three CSV files the import reads.</summary>
    public async Task<RoutingTablesCsv> LiveCsvAsync(CancellationToken cancellationToken) =>
        RoutingTablesCsv.From(await live.GetLiveAsync(cancellationToken));

    private static DecisionSummary Summarise(RoutingDecision decision) => new(decision.Primary, decision.Collaborators);
}
