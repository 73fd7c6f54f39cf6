using System.Globalization;
using System.Xml.Linq;
using PartnerIntake.Shared.Console;

namespace PartnerIntake.UnitTests.Console;

public class SvgChartTests
{
    private static readonly XNamespace S = SvgChart.Svg;

    [Fact]
    public void VerticalBars_Points_OneBarPerPointWithVisibleValueLabels()
    {
        var svg = Parse(SvgChart.VerticalBars("Inquiries per week", "Received inquiries.", Points(("2026-W45", 3), ("2026-W46", 0), ("2026-W47", 12))));

        var bars = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        bars.Select(b => (string?)b.Attribute("data-label")).ShouldBe(["2026-W45", "2026-W46", "2026-W47"]);
        bars.Select(b => b.Elements(S + "text").Single(t => (string?)t.Attribute("class") == "value").Value).ShouldBe(["3", "0", "12"]);
        bars.Select(b => b.Element(S + "title")!.Value).ShouldBe(["2026-W45: 3", "2026-W46: 0", "2026-W47: 12"]);
        var heights = bars.Select(b => double.Parse((string)b.Element(S + "rect")!.Attribute("height")!, CultureInfo.InvariantCulture)).ToList();
        heights[2].ShouldBeGreaterThan(heights[0]);
        heights[1].ShouldBe(0);
        Labels(svg, "label").ShouldBe(["2026-W45", "2026-W46", "2026-W47"]);
    }

    [Fact]
    public void VerticalBars_Any_IsAnAccessibleImageWithTitleAndDescListingTheData()
    {
        var svg = Parse(SvgChart.VerticalBars("By topic", "Inquiries by topic.", Points(("education", 2), ("data", 5))));

        ((string?)svg.Attribute("role")).ShouldBe("img");
        var title = svg.Element(S + "title")!;
        var desc = svg.Element(S + "desc")!;
        title.Value.ShouldBe("By topic");
        desc.Value.ShouldBe("Inquiries by topic. education: 2; data: 5.");
        ((string?)svg.Attribute("aria-labelledby")).ShouldBe($"{(string?)title.Attribute("id")} {(string?)desc.Attribute("id")}");
        svg.Elements().First().Name.ShouldBe(S + "title");
    }

    [Fact]
    public void VerticalBars_LabelWithMarkup_ComesOutAsEncodedText()
    {
        var raw = SvgChart.VerticalBars("<b>Title</b> & co", "desc \"quoted\"", Points(("<script>alert(1)</script>", 1)));

        raw.ShouldNotContain("<script>");
        raw.ShouldNotContain("<b>");
        raw.ShouldContain("&lt;script&gt;");
        var svg = Parse(raw);
        svg.Descendants(S + "script").ShouldBeEmpty();
        svg.Descendants(S + "b").ShouldBeEmpty();
        svg.Element(S + "title")!.Value.ShouldBe("<b>Title</b> & co");
        Labels(svg, "label").ShouldBe(["<script>alert(1)</script>"]);
    }

    [Fact]
    public void VerticalBars_ControlCharacters_AreDroppedAndTheSvgStaysWellFormed()
    {
        var svg = Parse(SvgChart.VerticalBars("t\u0001itle", "line\r\nbreak", Points(("a\u0000b", 1))));

        svg.Element(S + "title")!.Value.ShouldBe("title");
        Labels(svg, "label").ShouldBe(["ab"]);
    }

    [Fact]
    public void VerticalBars_SameInput_SameOutput()
    {
        var points = Points(("x", 1), ("y", 2));

        SvgChart.VerticalBars("t", "d", points).ShouldBe(SvgChart.VerticalBars("t", "d", points));
    }

    [Fact]
    public void VerticalBars_DifferentCharts_HaveDifferentIds()
    {
        var a = Parse(SvgChart.VerticalBars("a", "d", Points(("x", 1))));
        var b = Parse(SvgChart.VerticalBars("b", "d", Points(("x", 1))));

        ((string?)a.Element(S + "title")!.Attribute("id")).ShouldNotBe((string?)b.Element(S + "title")!.Attribute("id"));
    }

    [Fact]
    public void VerticalBars_GivenId_IsSanitisedAndUsed()
    {
        var svg = Parse(SvgChart.VerticalBars("a", "d", Points(("x", 1)), new ChartOptions { Id = "weekly\"><x" }));

        ((string?)svg.Element(S + "title")!.Attribute("id")).ShouldBe("weeklyx-title");
    }

    [Fact]
    public void VerticalBars_NoPoints_SaysNoData()
    {
        var svg = Parse(SvgChart.VerticalBars("Empty", "Nothing yet.", []));

        svg.Descendants(S + "text").Single().Value.ShouldBe("No data");
        svg.Element(S + "desc")!.Value.ShouldBe("Nothing yet. No data.");
    }

    [Fact]
    public void VerticalBars_NegativeOrNaN_DrawnAsZero()
    {
        var svg = Parse(SvgChart.VerticalBars("t", "d", Points(("a", -5), ("b", double.NaN), ("c", 2))));

        Labels(svg, "value").ShouldBe(["0", "0", "2"]);
    }

    [Fact]
    public void VerticalBars_CustomFormat_UsedInLabelsAndDesc()
    {
        var svg = Parse(SvgChart.VerticalBars("Median", "Days.", Points(("chapter", 1.5)),
            new ChartOptions { FormatValue = v => v.ToString("0.0", CultureInfo.InvariantCulture) + " d" }));

        Labels(svg, "value").ShouldBe(["1.5 d"]);
        svg.Element(S + "desc")!.Value.ShouldBe("Days. chapter: 1.5 d.");
    }

    [Fact]
    public void VerticalBars_Counts_WholeNumberTicks()
    {
        var svg = Parse(SvgChart.VerticalBars("t", "d", Points(("a", 1), ("b", 2))));

        Labels(svg, "tick").ShouldAllBe(t => !t.Contains('.'));
    }

    [Fact]
    public void StackedBars_Series_SegmentsPerSeriesWithTotalsAndLegend()
    {
        var svg = Parse(SvgChart.StackedBars("By status", "Inquiries per week by status.",
            ["W1", "W2"],
            [new ChartSeries("received", [1, 0]), new ChartSeries("routed", [2, 4]), new ChartSeries("failed", [0, 1])]));

        var stacks = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "stack").ToList();
        stacks.Select(s => (string?)s.Attribute("data-value")).ShouldBe(["3", "5"]);
        stacks[0].Elements(S + "g").Select(g => (string?)g.Attribute("data-series")).ShouldBe(["received", "routed"]);
        stacks[1].Elements(S + "g").Select(g => (string?)g.Attribute("data-series")).ShouldBe(["routed", "failed"]);
        Labels(svg, "total").ShouldBe(["3", "5"]);
        stacks[1].Elements(S + "g").First().Element(S + "title")!.Value.ShouldBe("W2, routed: 4");

        var legend = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "legend-item").ToList();
        legend.Select(l => l.Element(S + "text")!.Value).ShouldBe(["received (1)", "routed (6)", "failed (1)"]);
        svg.Element(S + "desc")!.Value.ShouldBe(
            "Inquiries per week by status. W1: received 1, routed 2, failed 0 (total 3); W2: received 0, routed 4, failed 1 (total 5).");
    }

    [Fact]
    public void StackedBars_Series_DifferByPatternNotOnlyColour()
    {
        var svg = Parse(SvgChart.StackedBars("t", "d", ["a"], [new ChartSeries("one", [1]), new ChartSeries("two", [1]), new ChartSeries("three", [1])]));

        var patterns = svg.Element(S + "defs")!.Elements(S + "pattern").ToList();
        patterns.Count.ShouldBe(3);
        patterns.Select(p => string.Concat(p.Elements().Skip(1).Select(e => e.Name.LocalName + e.Attributes().Count())))
            .Distinct().Count().ShouldBe(3);
        var legendFills = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "legend-item")
            .Select(g => (string?)g.Element(S + "rect")!.Attribute("fill")).ToList();
        legendFills.ShouldBe(patterns.Select(p => (string?)$"url(#{(string?)p.Attribute("id")})").ToList());
        var segmentFills = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "segment")
            .Select(g => (string?)g.Element(S + "rect")!.Attribute("fill")).ToList();
        segmentFills.ShouldBe(legendFills);
    }

    [Fact]
    public void StackedBars_TallSegment_CarriesItsValueWithAHalo()
    {
        var svg = Parse(SvgChart.StackedBars("t", "d", ["a"], [new ChartSeries("one", [10]), new ChartSeries("two", [30])]));

        var values = svg.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "value").ToList();
        values.Select(v => v.Value).ShouldBe(["10", "30"]);
        values.ShouldAllBe(v => (string?)v.Attribute("stroke") == "#ffffff");
    }

    [Fact]
    public void StackedBars_SeriesNameWithMarkup_Encoded()
    {
        var raw = SvgChart.StackedBars("t", "d", ["<i>cat</i>"], [new ChartSeries("<script>x</script>", [1])]);

        raw.ShouldNotContain("<script>");
        raw.ShouldNotContain("<i>");
        Parse(raw).Descendants(S + "g").Single(g => (string?)g.Attribute("class") == "legend-item").Element(S + "text")!.Value
            .ShouldBe("<script>x</script> (1)");
    }

    [Fact]
    public void StackedBars_ValueCountMismatch_Throws()
    {
        Should.Throw<ArgumentException>(() => SvgChart.StackedBars("t", "d", ["a", "b"], [new ChartSeries("one", [1])]));
    }

    [Fact]
    public void HorizontalBars_Points_LabelBarAndValuePerRow()
    {
        var svg = Parse(SvgChart.HorizontalBars("By kind", "Inquiries by entity kind.", Points(("chapter", 7), ("user-group", 2))));

        var bars = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        bars.Count.ShouldBe(2);
        bars.Select(b => b.Elements(S + "text").First().Value).ShouldBe(["chapter", "user-group"]);
        bars.Select(b => b.Elements(S + "text").Last().Value).ShouldBe(["7", "2"]);
        var widths = bars.Select(b => double.Parse((string)b.Element(S + "rect")!.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        widths[0].ShouldBeGreaterThan(widths[1]);
        var ys = bars.Select(b => double.Parse((string)b.Element(S + "rect")!.Attribute("y")!, CultureInfo.InvariantCulture)).ToList();
        ys[1].ShouldBeGreaterThan(ys[0]);
    }

    [Fact]
    public void HorizontalBars_LongestLabel_WrappedOntoLinesWithEveryWordShown()
    {
        // The longest label the dashboard draws: a region's name with the count of a kind appended is shorter.
        const string label = "Wikimedia Foundation Partnerships – Middle East and North Africa (ESEAP and CEE included)";
        var svg = Parse(SvgChart.HorizontalBars("t", "d", Points((label, 1), ("Hub", 2))));

        var bars = svg.Descendants(S + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        var lines = bars[0].Elements(S + "text").First().Elements(S + "tspan").Select(t => t.Value).ToList();
        lines.Count.ShouldBeGreaterThan(1);
        string.Join(" ", lines).ShouldBe(label);
        lines.ShouldAllBe(l => l.Length <= 36);
        bars[0].Element(S + "title")!.Value.ShouldBe(label + ": 1");
        // The next row starts below the wrapped one.
        var ys = bars.Select(b => double.Parse((string)b.Element(S + "rect")!.Attribute("y")!, CultureInfo.InvariantCulture)).ToList();
        (ys[1] - ys[0]).ShouldBeGreaterThan(lines.Count * 12);
    }

    [Theory]
    [InlineData("short", 10, new[] { "short" })]
    [InlineData("one two three", 7, new[] { "one two", "three" })]
    [InlineData("abcdefghij", 4, new[] { "abcd", "efgh", "ij" })]
    [InlineData("", 10, new[] { "" })]
    public void Wrap_Text_WordsOntoLinesLongWordsSplit(string text, int chars, string[] expected)
    {
        SvgChart.Wrap(text, chars).ShouldBe(expected);
    }

    [Fact]
    public void Palette_EveryColour_HasAtLeast4Point5To1ContrastOnWhite()
    {
        foreach (var colour in SvgChart.Palette.Append(SvgChart.AxisColour))
        {
            SvgChart.ContrastRatio(colour, "#ffffff").ShouldBeGreaterThanOrEqualTo(4.5, colour);
        }

        SvgChart.ContrastRatio(SvgChart.TextColour, "#ffffff").ShouldBeGreaterThanOrEqualTo(7);
    }

    [Fact]
    public void ContrastRatio_BlackOnWhite_Is21()
    {
        SvgChart.ContrastRatio("#000000", "#ffffff").ShouldBe(21, 0.01);
    }

    private static ChartPoint[] Points(params (string Label, double Value)[] points) =>
        points.Select(p => new ChartPoint(p.Label, p.Value)).ToArray();

    private static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        root.Name.ShouldBe(S + "svg");
        return root;
    }

    private static List<string> Labels(XElement svg, string cssClass) =>
        svg.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value).ToList();
}
