using PartnerIntake.Shared.Hosting;
using PartnerIntake.Web.Console;

namespace PartnerIntake.UnitTests.Web;

public class ConsoleSessionsTests
{
    private const string Key = "a-long-random-admin-key-0123456789";

    [Fact]
    public void IsCurrentKey_FingerprintOfTheConfiguredKey_True() =>
        ConsoleSessions.IsCurrentKey(ConsoleSessions.KeyFingerprint(Key), new AdminOptions { Key = Key }).ShouldBeTrue();

    [Theory]
    [InlineData("another-admin-key-after-rotation")]
    [InlineData(null)]
    [InlineData("")]
    public void IsCurrentKey_IssuedUnderAnotherKeyOrNoKeyConfigured_False(string? configured) =>
        ConsoleSessions.IsCurrentKey(ConsoleSessions.KeyFingerprint(Key), new AdminOptions { Key = configured }).ShouldBeFalse();

    [Fact]
    public void IsCurrentKey_NoFingerprint_False() =>
        ConsoleSessions.IsCurrentKey(null, new AdminOptions { Key = Key }).ShouldBeFalse();

    [Fact]
    public void KeyFingerprint_Key_RevealsNotTheKey()
    {
        var fingerprint = ConsoleSessions.KeyFingerprint(Key);

        fingerprint.ShouldNotContain(Key);
        fingerprint.ShouldNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Key)));
        fingerprint.ShouldNotBe(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))); // keyed, not a plain hash
    }
}
