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
