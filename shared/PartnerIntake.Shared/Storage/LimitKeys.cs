using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Assignment;

namespace PartnerIntake.Shared.Storage;

/// <summary>
/// Keys of the limit tables: an HMAC of the client address or e-mail address, so the tables hold neither in clear and
/// nobody without the key can test a guess against them. The key is derived from Links:SigningKey (a secret every
/// instance has); rotating it only starts the counts afresh.
/// </summary>
public sealed class LimitKeys(IOptions<LinkOptions> links)
{
    private readonly byte[] key = SHA256.HashData(Encoding.UTF8.GetBytes("PartnerIntake.Intake.Limits\n" + links.Value.SigningKey));

    public string For(string kind, string value) =>
        kind + "-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + "\n" + value)))[..40];
}
