using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerIntake.Shared.Recognition;

namespace PartnerIntake.UnitTests.Recognition;

public class CommonsImpactMetricsClientTests
{
    private const string Category = "Category:Paintings in the National Museum in Warsaw";
    private readonly List<HttpRequestMessage> requests = [];

    [Fact]
    public async Task Get_RegisteredCategory_SnapshotOfTheLastMonthAndViewsSummedOverThePeriod()
    {
        var sut = CreateSut(path => path.Contains("category-metrics-snapshot", StringComparison.Ordinal)
            ? Fixture("category-metrics-snapshot.json")
            : Fixture("pageviews-per-category-monthly.json"));

        var figures = await sut.GetAsync(Category, new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1), default);

        figures.ShouldBe(new ImpactFigures(FilesUsed: 812, Articles: 1533, Wikis: 46, PageViews: 402113 + 389670 + 415002));
        requests.Select(r => r.RequestUri!.AbsolutePath).ShouldBe(
        [
            "/api/rest_v1/metrics/commons-analytics/category-metrics-snapshot/Paintings_in_the_National_Museum_in_Warsaw/20260901/20261001",
            "/api/rest_v1/metrics/commons-analytics/pageviews-per-category-monthly/Paintings_in_the_National_Museum_in_Warsaw/deep/all-wikis/20260701/20261001",
        ]);
        requests.ShouldAllBe(r => r.Headers.UserAgent.ToString().StartsWith("PartnerIntake/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_CategoryNotOnTheAllowList_IsNoFigures()
    {
        var sut = CreateSut(_ => (HttpStatusCode.NotFound, File.ReadAllText(FixturePath("not-loaded.json"))));

        (await sut.GetAsync("Category:Unknown category", new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Get_ApiFails_IsNoFiguresRatherThanAnError()
    {
        var sut = CreateSut(_ => (HttpStatusCode.InternalServerError, "upstream"));

        (await sut.GetAsync(Category, new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Get_NoBaseUrl_MakesNoRequest()
    {
        var sut = CreateSut(_ => Fixture("category-metrics-snapshot.json"), baseUrl: "");

        (await sut.GetAsync(Category, new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1), default)).ShouldBeNull();
        requests.ShouldBeEmpty();
    }

    private CommonsImpactMetricsClient CreateSut(Func<string, (HttpStatusCode, string)> answer, string? baseUrl = null) =>
        new(new HttpClient(new StubHandler(requests, answer)),
            Options.Create(new CommonsMetricsOptions { BaseUrl = baseUrl ?? new CommonsMetricsOptions().BaseUrl }),
            NullLogger<CommonsImpactMetricsClient>.Instance);

    private static (HttpStatusCode, string) Fixture(string name) => (HttpStatusCode.OK, File.ReadAllText(FixturePath(name)));

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "commons-impact-metrics", name);

    private sealed class StubHandler(List<HttpRequestMessage> seen, Func<string, (HttpStatusCode, string)> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            var (status, body) = answer(request.RequestUri!.AbsolutePath);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
