using System.Net;
using System.Net.Sockets;

namespace PartnerIntake.Shared.Intake;

/// <summary>
/// Who a submission counts against: the client's IP address. X-Forwarded-For is believed only from a loopback peer
/// (in Azure the Functions host, which passes on the header the platform's front end sets; locally a reverse proxy),
/// and only its last entry, the one that peer added: entries a client sends itself come before it and are ignored.
/// </summary>
public static class ClientAddress
{
    public static string Key(IPAddress? peer, string? forwardedFor)
    {
        if (peer is not null && IPAddress.IsLoopback(peer) && !string.IsNullOrWhiteSpace(forwardedFor))
        {
            var last = forwardedFor.Split(',')[^1].Trim();
            if (IPAddress.TryParse(last, out var address) || (IPEndPoint.TryParse(last, out var endPoint) && (address = endPoint.Address) is not null))
            {
                return Key(address);
            }
        }

        return Key(peer);
    }

    /// <summary>IPv4 as is; IPv6 by its /64, since one subscriber can use any address of its /64.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
