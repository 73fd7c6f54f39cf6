using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PartnerIntake.Web.Hosting;

/// <summary>
/// A page with handlers answers only the methods it handles: without this, PATCH or OPTIONS would render the page
/// with nothing loaded (the link pages ask for no antiforgery token, so nothing else stops those methods). 405, whose
/// empty body the status code pages turn into the error page. Pages without any handler (privacy, error) render as before.
/// </summary>
public sealed class HandlerRequiredFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ",
                context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("HEAD").Distinct().Order(StringComparer.Ordinal));
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
