using PartnerIntake.Shared.Hosting;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using PartnerIntake.Web.Console;
using PartnerIntake.Web.Hosting;
using PartnerIntake.Web.Intake;
using PartnerIntake.Web.Localization;

namespace PartnerIntake.UnitTests.Web;

public class ConsoleAuthenticationTests
{
    private static async Task<AuthenticateResult> AuthenticateAsync(string operators, string? principal)
    {
        var handler = new AppServiceAuthenticationHandler(
            new StaticMonitor(new AuthenticationSchemeOptions()), NullLoggerFactory.Instance, System.Text.Encodings.Web.UrlEncoder.Default,
            Options.Create(new ConsoleOptions { Authentication = ConsoleOptions.AppService, Operators = operators }));
        var context = new DefaultHttpContext();
        if (principal is not null)
        {
            context.Request.Headers[AppServiceAuthenticationHandler.PrincipalNameHeader] = principal;
        }

        await handler.InitializeAsync(
            new AuthenticationScheme(ConsoleAuthentication.AppServiceScheme, null, typeof(AppServiceAuthenticationHandler)), context);
        return await handler.AuthenticateAsync();
    }

    private static async Task<HttpResponse> ChallengeAsync(string? principal, string accept, string method = "GET")
    {
        var handler = new AppServiceAuthenticationHandler(
            new StaticMonitor(new AuthenticationSchemeOptions()), NullLoggerFactory.Instance, System.Text.Encodings.Web.UrlEncoder.Default,
            Options.Create(new ConsoleOptions { Authentication = ConsoleOptions.AppService, Operators = "ops@wikimedia.example" }));
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = "/admin/inquiries";
        context.Request.QueryString = new QueryString("?state=overdue");
        context.Request.Headers.Accept = accept;
        if (principal is not null)
        {
            context.Request.Headers[AppServiceAuthenticationHandler.PrincipalNameHeader] = principal;
        }

        await handler.InitializeAsync(
            new AuthenticationScheme(ConsoleAuthentication.AppServiceScheme, null, typeof(AppServiceAuthenticationHandler)), context);
        await handler.ChallengeAsync(new AuthenticationProperties());
        return context.Response;
    }

    [Fact]
    public async Task Challenge_BrowserNotSignedIn_GoesToAppServiceSignInAndBack()
    {
        var response = await ChallengeAsync(principal: null, accept: "text/html,application/xhtml+xml");

        response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        response.Headers.Location.ToString().ShouldBe("/.auth/login/aad?post_login_redirect_uri=%2Fadmin%2Finquiries%3Fstate%3Doverdue");
    }

    [Theory]
    [InlineData("someone@else.example", "text/html", "GET")]
    [InlineData(null, "application/json", "GET")]
    [InlineData(null, "text/html", "POST")]
    public async Task Challenge_NotOperatorOrNotABrowserPage_Answers401(string? principal, string accept, string method)
    {
        var response = await ChallengeAsync(principal, accept, method);

        response.StatusCode.ShouldBe(StatusCodes.Status401Unauthorized);
        response.Headers.Location.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task Authenticate_ListedOperator_IsAnOperator()
    {
        var result = await AuthenticateAsync("ops@wikimedia.example; lead@wikimedia.example", "Lead@Wikimedia.example");

        result.Succeeded.ShouldBeTrue();
        result.Principal!.IsInRole(ConsoleAuthentication.OperatorRole).ShouldBeTrue();
        result.Principal.FindFirstValue(ClaimTypes.Name).ShouldBe("Lead@Wikimedia.example");
    }

    [Fact]
    public async Task Authenticate_SignedInButNotListed_Fails()
    {
        var result = await AuthenticateAsync("ops@wikimedia.example", "someone@example.org");

        result.Succeeded.ShouldBeFalse();
        result.Failure.ShouldNotBeNull();
    }

    [Fact]
    public async Task Authenticate_NoPrincipalHeader_NoResult()
    {
        var result = await AuthenticateAsync("ops@wikimedia.example", null);

        result.None.ShouldBeTrue();
    }

    [Theory]
    [InlineData("right-key", "right-key", true)]
    [InlineData("right-key", "wrong-key", false)]
    [InlineData("right-key", "", false)]
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    public void IsAdminKey_Attempt_OnlyTheConfiguredKeyOpens(string? configured, string given, bool expected)
    {
        ConsoleAuthentication.IsAdminKey(given, new AdminOptions { Key = configured }).ShouldBe(expected);
    }

    private sealed class StaticMonitor(AuthenticationSchemeOptions value) : IOptionsMonitor<AuthenticationSchemeOptions>
    {
        public AuthenticationSchemeOptions CurrentValue => value;

        public AuthenticationSchemeOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AuthenticationSchemeOptions, string?> listener) => null;
    }
}
