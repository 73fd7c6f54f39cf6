using System.ComponentModel.DataAnnotations;

namespace PartnerIntake.Web.Hosting;

/// <summary>Settings of the web pages (section Web).</summary>
public sealed class WebOptions
{
    /// <summary>A form sent sooner than this after it was served is a bot's: nothing is stored.</summary>
    [Range(0, 600)]
    public int MinFillSeconds { get; set; } = 3;
}
