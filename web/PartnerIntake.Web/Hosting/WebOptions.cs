using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Web.Hosting;

/// <summary>Settings of the web pages (section Web).</summary>
public sealed class WebOptions
{
    /// <summary>A form sent sooner than this after it was served is a bot's: nothing is stored.</summary>
    [Range(0, 600)]
    public int MinFillSeconds { get; set; } = 3;

    /// <summary>
    /// Believe X-Forwarded-For/-Proto from any address (App Service's front ends). Unset: true on App Service
    /// (WEBSITE_INSTANCE_ID), false elsewhere (then only a loopback proxy's X-Forwarded-For counts).
    /// </summary>
    public bool? TrustProxy { get; set; }
}
