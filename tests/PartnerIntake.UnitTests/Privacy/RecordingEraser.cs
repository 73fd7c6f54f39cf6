using PartnerIntake.Shared.Privacy;

namespace PartnerIntake.UnitTests.Privacy;

/// <summary>The eraser as a recording fake: the real one is another feature's; here only the calls matter.</summary>
public sealed class RecordingEraser : IPersonalDataEraser
{
    public List<(string Reference, string Actor)> Inquiries { get; } = [];

    public Task<ErasureReport> ErasePersonAsync(string email, string actor, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A withdrawal erases one inquiry, never a person by address.");

    public Task<ErasureReport> EraseInquiryAsync(string reference, string actor, CancellationToken cancellationToken)
    {
        Inquiries.Add((reference, actor));
        return Task.FromResult(new ErasureReport(new Dictionary<string, int> { ["inquiries"] = Inquiries.Count == 1 ? 1 : 0 }));
    }

    public Task<ErasureReport> EraseDonationContactAsync(string donationId, string actor, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A withdrawal erases no donation.");
}
