using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Mail;

namespace PartnerIntake.UnitTests.Mail;

/// <summary>The Event Webhook's ECDSA signature, checked against the test vector the official SDKs publish.</summary>
public class WebhookSignatureTests
{
    private const string Key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    private const string Signature = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    private const string Timestamp = "1600112502";

    // The published body ends with CR LF; it is part of what was signed.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """[{"email":"hello@world.com","event":"dropped","reason":"Bounced Address","sg_event_id":"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA","sg_message_id":"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0","smtp-id":"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>","timestamp":1600112492}]""" + "\r\n");

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1600112502);

    private readonly WebhookSignatureVerifier verifier = new(Key);

    [Fact]
    public void Verify_PublishedTestVector_Passes()
    {
        verifier.Verify(Timestamp, Body, Signature).ShouldBeTrue();
    }

    [Fact]
    public void Verify_FlippedBodyByte_Fails()
    {
        var body = (byte[])Body.Clone();
        body[10] ^= 0x01;

        verifier.Verify(Timestamp, body, Signature).ShouldBeFalse();
    }

    [Fact]
    public void Verify_BodyWithoutTheTrailingCrLf_Fails()
    {
        verifier.Verify(Timestamp, Body.AsSpan(0, Body.Length - 2), Signature).ShouldBeFalse();
    }

    [Theory]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(70)]
    public void Verify_FlippedSignatureByte_Fails(int index)
    {
        var signature = Convert.FromBase64String(Signature);
        signature[index] ^= 0x01;

        verifier.Verify(Timestamp, Body, Convert.ToBase64String(signature)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1600112503")]
    [InlineData("1600112501")]
    [InlineData("")]
    public void Verify_WrongTimestamp_Fails(string timestamp)
    {
        verifier.Verify(timestamp, Body, Signature).ShouldBeFalse();
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_GarbageSignature_FailsWithoutThrowing(string signature)
    {
        verifier.Verify(Timestamp, Body, signature).ShouldBeFalse();
    }

    [Fact]
    public void Verify_OtherKey_Fails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        new WebhookSignatureVerifier(Convert.ToBase64String(other.ExportSubjectPublicKeyInfo())).Verify(Timestamp, Body, Signature).ShouldBeFalse();
    }

    [Fact]
    public void Verify_GeneratedKeyPair_RoundTrips()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = Encoding.UTF8.GetBytes("""[{"event":"delivered"}]""");
        var signature = key.SignData([.. Encoding.UTF8.GetBytes("1700000000"), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        new WebhookSignatureVerifier(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()))
            .Verify("1700000000", body, Convert.ToBase64String(signature)).ShouldBeTrue();
    }

    [Fact]
    public void Check_PublishedVectorJustAfterSigning_Valid()
    {
        verifier.Check(Timestamp, Body, Signature, SignedAt.AddSeconds(30), TimeSpan.FromMinutes(10)).ShouldBe(WebhookCheck.Valid);
    }

    [Fact]
    public void Check_PublishedVectorYearsLater_Stale()
    {
        verifier.Check(Timestamp, Body, Signature, new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10))
            .ShouldBe(WebhookCheck.StaleTimestamp);
    }

    [Fact]
    public void Check_SkewCheckOff_PublishedVectorValid()
    {
        verifier.Check(Timestamp, Body, Signature, new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), TimeSpan.Zero).ShouldBe(WebhookCheck.Valid);
    }

    [Fact]
    public void Check_TimestampFromTheFuture_Stale()
    {
        verifier.Check(Timestamp, Body, Signature, SignedAt.AddMinutes(-11), TimeSpan.FromMinutes(10)).ShouldBe(WebhookCheck.StaleTimestamp);
    }

    [Theory]
    [InlineData(24, WebhookCheck.Valid)]
    [InlineData(26, WebhookCheck.StaleTimestamp)]
    public void SignedWebhook_DefaultSkew_CoversSendGridsDayOfRetries(int hoursLater, WebhookCheck expected)
    {
        var webhook = new SignedWebhook(Options.Create(new SendGridOptions { WebhookPublicKey = Key }));

        webhook.Check(Timestamp, Body, Signature, SignedAt.AddHours(hoursLater)).ShouldBe(expected);
    }

    [Fact]
    public void SignedWebhook_NoKey_IsNotConfigured()
    {
        new SignedWebhook(Options.Create(new SendGridOptions { WebhookPublicKey = " " })).IsConfigured.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, Signature)]
    [InlineData(Timestamp, null)]
    [InlineData("", "")]
    public void Check_MissingHeader_Missing(string? timestamp, string? signature)
    {
        verifier.Check(timestamp, Body, signature, SignedAt, TimeSpan.FromMinutes(10)).ShouldBe(WebhookCheck.MissingSignature);
    }

    [Fact]
    public void Check_TamperedBody_Invalid()
    {
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("dropped", "delivered", StringComparison.Ordinal));

        verifier.Check(Timestamp, body, Signature, SignedAt, TimeSpan.FromMinutes(10)).ShouldBe(WebhookCheck.InvalidSignature);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData(Key, true)]
    [InlineData("not a key", false)]
    [InlineData("AAAA", false)]
    public void IsValidKey_Setting_AcceptsSpkiOrNothing(string? key, bool valid)
    {
        WebhookSignatureVerifier.IsValidKey(key).ShouldBe(valid);
    }
}
