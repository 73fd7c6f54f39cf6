using System.Diagnostics;
using OpenTelemetry;

namespace PartnerIntake.Shared.Telemetry;

/// <summary>
/// Reports a request by its route template ("/assignments/{token}"), never by its path: signed action and unsubscribe
/// tokens and inquiry references are capabilities and must not reach telemetry.
/// </summary>
public sealed class RouteTemplatePath : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.GetTagItem("url.path") is null)
        {
            return;
        }

        var route = data.GetTagItem("http.route") as string;
        // Razor Pages' templates have no leading slash ("assignments/{token}"); a path does.
        data.SetTag("url.path", string.IsNullOrEmpty(route) ? "/(unrouted)" : "/" + route.TrimStart('/'));
        data.SetTag("url.query", null);
    }
}
