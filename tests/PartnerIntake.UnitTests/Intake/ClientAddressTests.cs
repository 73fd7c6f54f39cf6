using System.Net;
using PartnerIntake.Shared.Intake;

namespace PartnerIntake.UnitTests.Intake;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "198.51.100.1", "203.0.113.7")]                 // not from loopback: the header is the client's own
    [InlineData("127.0.0.1", "198.51.100.1", "198.51.100.1")]                  // from the platform (loopback): its entry
    [InlineData("127.0.0.1", "10.0.0.1, 198.51.100.1:51234", "198.51.100.1")]  // only the last entry, with a port
    [InlineData("127.0.0.1", "not-an-address", "127.0.0.1")]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("::ffff:203.0.113.7", null, "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", null, "2001:db8:1:2::/64")]
    public void Key_PeerAndForwardedFor_IsTheClientTheLimitCounts(string peer, string? forwardedFor, string expected)
    {
        ClientAddress.Key(IPAddress.Parse(peer), forwardedFor).ShouldBe(expected);
    }

    [Theory]
    [InlineData(" Anna.Nowak+prize1@Example.org ", "anna.nowak@example.org")]
    [InlineData("anna@example.org", "anna@example.org")]
    public void Normalise_Address_CountsOneMailbox(string email, string expected)
    {
        AcknowledgementAddress.Normalise(email).ShouldBe(expected);
    }
}
