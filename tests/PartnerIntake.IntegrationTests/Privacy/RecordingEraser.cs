using System.Collections.Concurrent;
using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.IntegrationTests.Privacy;

/// <summary>Records what the retention run asks to erase (the real eraser is tested on its own).</summary>
public sealed class RecordingEraser : IPersonalDataEraser
{
    private readonly ConcurrentQueue<(string Kind, string Id)> calls = new();

    public IReadOnlyList<(string Kind, string Id)> Calls => calls.ToList();

    public IReadOnlyList<string> Erased(string kind, IEnumerable<string> among)
    {
        var mine = among.ToHashSet(StringComparer.Ordinal);
        return calls.Where(c => c.Kind == kind && mine.Contains(c.Id)).Select(c => c.Id).ToList();
    }

    public void Clear() => calls.Clear();

    public Task<ErasureReport> ErasePersonAsync(string email, string actor, CancellationToken cancellationToken) =>
        throw new NotSupportedException("retention erases subjects, never a person");

    public Task<ErasureReport> EraseInquiryAsync(string reference, string actor, CancellationToken cancellationToken)
    {
        actor.ShouldBe(RetentionSweep.Actor);
        calls.Enqueue((RetentionKind.Inquiry, reference));
        return Task.FromResult(ErasureReport.None);
    }

    public Task<ErasureReport> EraseDonationContactAsync(string donationId, string actor, CancellationToken cancellationToken)
    {
        actor.ShouldBe(RetentionSweep.Actor);
        calls.Enqueue((RetentionKind.Donation, donationId));
        return Task.FromResult(ErasureReport.None);
    }
}
