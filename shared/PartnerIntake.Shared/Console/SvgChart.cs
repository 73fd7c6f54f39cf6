using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PartnerIntake.Shared.Console;

/// <summary>One bar: a label and its value.</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>One series of a stacked chart: its name and one value per category (in the categories' order).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>How a chart is drawn. Everything has a sensible default.</summary>
public sealed record ChartOptions
{
    /// <summary>Width of the drawing in SVG units (it scales with the page through viewBox).</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height of the plot area of vertical and stacked charts (axis labels and legend add to it).</summary>
    public int Height { get; init; } = 240;

    /// <summary>Height of one bar of a horizontal chart.</summary>
    public int BarHeight { get; init; } = 22;

    /// <summary>Prefix of the ids inside the SVG (title, desc, patterns). Default: derived from the content, so two
    /// different charts on one page never share ids and the same chart always renders the same.</summary>
    public string? Id { get; init; }

    /// <summary>How values are written in labels (default: up to two decimals, invariant culture).</summary>
    public Func<double, string>? FormatValue { get; init; }
}

/// <summary>
/// Accessible inline SVG charts for the operators' console: vertical bars, stacked bars with a legend, horizontal bars.
/// <list type="bullet">
/// <item><c>role="img"</c> with <c>aria-labelledby</c> pointing at a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c>; the desc
/// lists every value in words, so a screen reader gets the data, not a picture.</item>
/// <item>Every bar carries a visible text label with its value and a <c>&lt;title&gt;</c> tooltip; stacked series also
/// differ by fill pattern and are named in the legend: nothing is told by colour alone.</item>
/// <item>The palette has at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1 for graphics); text is near-black,
/// and labels drawn over bars have a white halo.</item>
/// <item>Built with <see cref="XElement"/>: every label and title is XML-encoded (a label <c>&lt;script&gt;</c> is text);
/// characters XML cannot hold are dropped. The same input always gives the same string.</item>
/// </list>
/// Negative, NaN and infinite values are drawn as 0 (the console charts counts and durations).
/// </summary>
public static class SvgChart
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Bar fills, each ≥ 4.5:1 against white (a unit test checks).</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1f5fa8", // blue
        "#a64f00", // dark orange
        "#1e7345", // green
        "#7a3d8f", // purple
        "#b0253a", // red
        "#00707a", // teal
        "#5c5c5c", // grey
        "#7a6400", // olive
    ];

    public const string TextColour = "#1a1a1a";
    public const string AxisColour = "#595959";
    private const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    private const int FontSize = 12;
    private const double CharWidth = 6.6; // an estimate of the average glyph width at 12 px, for layout only
    private const int MaxLabelChars = 28;

    /// <summary>Bars standing on the x axis, one per point, each with its value above it.</summary>
    public static string VerticalBars(string title, string description, IReadOnlyList<ChartPoint> points, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        var id = IdPrefix(options, "v", title, description, points.Select(p => p.Label + "=" + Num(p.Value)));
        var format = Formatter(options);
        var labels = points.Select(p => Shorten(p.Label)).ToList();
        var values = points.Select(p => Clean(p.Value)).ToList();
        var plot = VerticalPlot.Create(options, labels);
        var root = Root(id, title, Describe(description, points.Select(p => $"{Clean(p.Label)}: {format(Clean(p.Value))}")), options.Width, plot.TotalHeight);
        if (points.Count == 0)
        {
            root.Add(NoData(options.Width, plot.TotalHeight));
            return Write(root);
        }

        var scale = Scale.For(values);
        var group = new XElement(Svg + "g", new XAttribute("class", "bars"));
        root.Add(Axis(plot, scale, format));
        for (var i = 0; i < points.Count; i++)
        {
            var (x, width) = plot.Slot(i, points.Count);
            var height = scale.Length(values[i], plot.PlotHeight);
            var y = plot.Top + plot.PlotHeight - height;
            var value = format(values[i]);
            group.Add(new XElement(Svg + "g",
                new XAttribute("class", "bar"),
                new XAttribute("data-label", Clean(points[i].Label)),
                new XAttribute("data-value", Num(values[i])),
                new XElement(Svg + "title", $"{Clean(points[i].Label)}: {value}"),
                Rect(x, y, width, height, Palette[0]),
                Text(x + (width / 2), y - 4, value, "middle", "value")));
        }

        root.Add(group);
        root.Add(CategoryLabels(plot, labels));
        return Write(root);
    }

    /// <summary>
    /// One bar per category, split into one segment per series. Series differ by colour and fill pattern and are named
    /// in the legend; each segment tall enough carries its value, each bar its total.
    /// </summary>
    public static string StackedBars(string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        foreach (var s in series)
        {
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories.", nameof(series));
            }
        }

        var id = IdPrefix(options, "s", title, description,
            categories.Concat(series.Select(s => s.Name + "=" + string.Join(';', s.Values.Select(Num)))));
        var format = Formatter(options);
        var labels = categories.Select(Shorten).ToList();
        var plot = VerticalPlot.Create(options, labels);
        var legend = LegendLayout(series.Select(s => Shorten(s.Name)).ToList(), options.Width);
        var totalHeight = plot.TotalHeight + legend.Height;
        var lines = categories.Select((c, i) =>
            $"{Clean(c)}: " + string.Join(", ", series.Select(s => $"{Clean(s.Name)} {format(Clean(s.Values[i]))}")) +
            $" (total {format(series.Sum(s => Clean(s.Values[i])))})");
        var root = Root(id, title, Describe(description, lines), options.Width, totalHeight);
        root.Add(new XElement(Svg + "defs", series.Select((_, i) => Pattern(id, i))));
        if (categories.Count == 0 || series.Count == 0)
        {
            root.Add(NoData(options.Width, plot.TotalHeight));
            return Write(root);
        }

        var totals = Enumerable.Range(0, categories.Count).Select(i => series.Sum(s => Clean(s.Values[i]))).ToList();
        var scale = Scale.For(totals);
        root.Add(Axis(plot, scale, format));
        var bars = new XElement(Svg + "g", new XAttribute("class", "bars"));
        for (var c = 0; c < categories.Count; c++)
        {
            var (x, width) = plot.Slot(c, categories.Count);
            var bar = new XElement(Svg + "g",
                new XAttribute("class", "stack"),
                new XAttribute("data-label", Clean(categories[c])),
                new XAttribute("data-value", Num(totals[c])));
            var baseY = plot.Top + plot.PlotHeight;
            for (var s = 0; s < series.Count; s++)
            {
                var v = Clean(series[s].Values[c]);
                if (v <= 0)
                {
                    continue;
                }

                var height = scale.Length(v, plot.PlotHeight);
                baseY -= height;
                var value = format(v);
                var segment = new XElement(Svg + "g",
                    new XAttribute("class", "segment"),
                    new XAttribute("data-series", Clean(series[s].Name)),
                    new XAttribute("data-value", Num(v)),
                    new XElement(Svg + "title", $"{Clean(categories[c])}, {Clean(series[s].Name)}: {value}"),
                    Rect(x, baseY, width, height, $"url(#{id}-p{s})", Palette[s % Palette.Count]));
                if (height >= FontSize + 2 && width >= (value.Length * CharWidth) + 4)
                {
                    segment.Add(Halo(Text(x + (width / 2), baseY + (height / 2) + (FontSize / 2.0) - 2, value, "middle", "value")));
                }

                bar.Add(segment);
            }

            bar.Add(Text(x + (width / 2), baseY - 4, format(totals[c]), "middle", "total"));
            bars.Add(bar);
        }

        root.Add(bars);
        root.Add(CategoryLabels(plot, labels));
        root.Add(Legend(id, series, legend, plot.TotalHeight, format));
        return Write(root);
    }

    /// <summary>
    /// One row per point, label on the left, bar to the right with its value after it; suits long labels: a label longer
    /// than the label column is wrapped onto more lines (its row grows), never cut.
    /// </summary>
    public static string HorizontalBars(string title, string description, IReadOnlyList<ChartPoint> points, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        var id = IdPrefix(options, "h", title, description, points.Select(p => p.Label + "=" + Num(p.Value)));
        var format = Formatter(options);
        var maxLabelWidth = options.Width / 2.5;
        var lineChars = Math.Max(8, (int)((maxLabelWidth - 12) / CharWidth));
        var labels = points.Select(p => Wrap(Clean(p.Label), lineChars)).ToList();
        var values = points.Select(p => Clean(p.Value)).ToList();
        const int top = 8;
        const int lineHeight = FontSize + 3;
        var rowHeights = labels.Select(l => Math.Max(options.BarHeight, l.Count * lineHeight) + 8).ToList();
        var height = Math.Max(40, top + rowHeights.Sum() + 8);
        var root = Root(id, title, Describe(description, points.Select(p => $"{Clean(p.Label)}: {format(Clean(p.Value))}")), options.Width, height);
        if (points.Count == 0)
        {
            root.Add(NoData(options.Width, height));
            return Write(root);
        }

        var labelWidth = Math.Min(maxLabelWidth, (labels.Max(l => l.Max(line => line.Length)) * CharWidth) + 12);
        var valueWidth = (values.Max(v => format(v).Length) * CharWidth) + 12;
        var barSpace = Math.Max(20, options.Width - labelWidth - valueWidth - 8);
        var scale = Scale.For(values);
        var group = new XElement(Svg + "g", new XAttribute("class", "bars"));
        var y = (double)top;
        for (var i = 0; i < points.Count; i++)
        {
            var rowInner = rowHeights[i] - 8;
            var barY = y + ((rowInner - options.BarHeight) / 2.0);
            var length = scale.Length(values[i], barSpace);
            var value = format(values[i]);
            var textY = barY + (options.BarHeight / 2.0) + (FontSize / 2.0) - 2;
            var firstLineY = y + ((rowInner - (labels[i].Count * lineHeight)) / 2.0) + lineHeight - 3;
            group.Add(new XElement(Svg + "g",
                new XAttribute("class", "bar"),
                new XAttribute("data-label", Clean(points[i].Label)),
                new XAttribute("data-value", Num(values[i])),
                new XElement(Svg + "title", $"{Clean(points[i].Label)}: {value}"),
                Lines(labelWidth - 6, labels[i].Count == 1 ? textY : firstLineY, labels[i], lineHeight),
                Rect(labelWidth, barY, length, options.BarHeight, Palette[0]),
                Text(labelWidth + length + 4, textY, value, "start", "value")));
            y += rowHeights[i];
        }

        root.Add(new XElement(Svg + "line",
            new XAttribute("x1", Num(labelWidth)), new XAttribute("y1", Num(top - 2)),
            new XAttribute("x2", Num(labelWidth)), new XAttribute("y2", Num(y - 6)),
            new XAttribute("stroke", AxisColour), new XAttribute("stroke-width", "1")));
        root.Add(group);
        return Write(root);
    }

    /// <summary>Words onto lines of at most <paramref name="lineChars"/> characters (a longer word is split); at least one line.</summary>
    public static IReadOnlyList<string> Wrap(string text, int lineChars)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = line.Length == 0 ? lineChars : lineChars - line.Length - 1;
                if (rest.Length <= room)
                {
                    line.Append(line.Length == 0 ? "" : " ").Append(rest);
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                else
                {
                    lines.Add(rest[..lineChars]);
                    rest = rest[lineChars..];
                }
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>A right-aligned label of one or more lines (tspans).</summary>
    private static XElement Lines(double x, double y, IReadOnlyList<string> lines, double lineHeight)
    {
        var text = Text(x, y, "", "end", "label");
        text.RemoveNodes();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Add(new XElement(Svg + "tspan", new XAttribute("x", Num(x)), new XAttribute("dy", i == 0 ? "0" : Num(lineHeight)), lines[i]));
        }

        return text;
    }

    /// <summary>WCAG relative-luminance contrast ratio between two #rrggbb colours.</summary>
    public static double ContrastRatio(string colourA, string colourB)
    {
        var (a, b) = (Luminance(colourA), Luminance(colourB));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
    }

    private static XElement Root(string id, string title, string description, double width, double height) =>
        new(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Num(width)} {Num(height)}"),
            new XAttribute("width", Num(width)),
            new XAttribute("height", Num(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("font-family", FontFamily),
            new XAttribute("font-size", FontSize.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("class", "chart"),
            new XElement(Svg + "title", new XAttribute("id", id + "-title"), Clean(title)),
            new XElement(Svg + "desc", new XAttribute("id", id + "-desc"), description));

    private static string Describe(string description, IEnumerable<string> lines)
    {
        var data = string.Join("; ", lines);
        var text = Clean(description).Trim();
        return data.Length == 0 ? (text.Length == 0 ? "No data." : text + " No data.")
            : text.Length == 0 ? data + "."
            : $"{text} {data}.";
    }

    private static XElement NoData(double width, double height) =>
        Text(width / 2, height / 2, "No data", "middle", "empty");

    private static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        var rect = new XElement(Svg + "rect",
            new XAttribute("x", Num(x)), new XAttribute("y", Num(y)),
            new XAttribute("width", Num(Math.Max(0, width))), new XAttribute("height", Num(Math.Max(0, height))),
            new XAttribute("fill", fill));
        if (stroke is not null)
        {
            rect.Add(new XAttribute("stroke", stroke), new XAttribute("stroke-width", "1"));
        }

        return rect;
    }

    private static XElement Text(double x, double y, string text, string anchor, string cssClass, string? transform = null)
    {
        var element = new XElement(Svg + "text",
            new XAttribute("x", Num(x)), new XAttribute("y", Num(y)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("fill", TextColour),
            new XAttribute("class", cssClass),
            text);
        if (transform is not null)
        {
            element.Add(new XAttribute("transform", transform));
        }

        return element;
    }

    /// <summary>A white outline behind the glyphs, so dark text stays readable over any fill or pattern.</summary>
    private static XElement Halo(XElement text)
    {
        text.Add(new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"),
            new XAttribute("stroke-linejoin", "round"));
        return text;
    }

    /// <summary>Series fills: colour plus a pattern (solid, stripes, dots, cross-hatch, …) so print and colour-blind readers can tell them apart.</summary>
    private static XElement Pattern(string id, int index)
    {
        var colour = Palette[index % Palette.Count];
        var pattern = new XElement(Svg + "pattern",
            new XAttribute("id", $"{id}-p{index}"),
            new XAttribute("patternUnits", "userSpaceOnUse"),
            new XAttribute("width", "8"), new XAttribute("height", "8"),
            new XElement(Svg + "rect", new XAttribute("width", "8"), new XAttribute("height", "8"), new XAttribute("fill", colour)));
        XElement Line(string x1, string y1, string x2, string y2) => new(Svg + "line",
            new XAttribute("x1", x1), new XAttribute("y1", y1), new XAttribute("x2", x2), new XAttribute("y2", y2),
            new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "1.5"));
        switch (index % 6)
        {
            case 0:
                break; // solid
            case 1:
                pattern.Add(Line("0", "8", "8", "0"), Line("-2", "2", "2", "-2"), Line("6", "10", "10", "6"));
                break; // diagonal stripes
            case 2:
                pattern.Add(new XElement(Svg + "circle", new XAttribute("cx", "4"), new XAttribute("cy", "4"), new XAttribute("r", "1.6"),
                    new XAttribute("fill", "#ffffff")));
                break; // dots
            case 3:
                pattern.Add(Line("0", "4", "8", "4"));
                break; // horizontal lines
            case 4:
                pattern.Add(Line("0", "0", "8", "8"), Line("0", "8", "8", "0"));
                break; // cross-hatch
            default:
                pattern.Add(Line("4", "0", "4", "8"));
                break; // vertical lines
        }

        return pattern;
    }

    private static XElement Axis(VerticalPlot plot, Scale scale, Func<double, string> format)
    {
        var axis = new XElement(Svg + "g", new XAttribute("class", "axis"), new XAttribute("aria-hidden", "true"));
        foreach (var tick in scale.Ticks)
        {
            var y = plot.Top + plot.PlotHeight - scale.Length(tick, plot.PlotHeight);
            axis.Add(new XElement(Svg + "line",
                new XAttribute("x1", Num(plot.Left)), new XAttribute("y1", Num(y)),
                new XAttribute("x2", Num(plot.Right)), new XAttribute("y2", Num(y)),
                new XAttribute("stroke", tick == 0 ? AxisColour : "#d9d9d9"), new XAttribute("stroke-width", "1")));
            axis.Add(Text(plot.Left - 4, y + 4, format(tick), "end", "tick"));
        }

        return axis;
    }

    private static XElement CategoryLabels(VerticalPlot plot, IReadOnlyList<string> labels)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "categories"));
        var baseline = plot.Top + plot.PlotHeight + 16;
        for (var i = 0; i < labels.Count; i++)
        {
            var (x, width) = plot.Slot(i, labels.Count);
            var centre = x + (width / 2);
            group.Add(plot.RotateLabels
                ? Text(centre, baseline, labels[i], "end", "label", $"rotate(-40 {Num(centre)} {Num(baseline)})")
                : Text(centre, baseline, labels[i], "middle", "label"));
        }

        return group;
    }

    private sealed record LegendItems(IReadOnlyList<(double X, double Y)> Positions, double Height);

    private static LegendItems LegendLayout(IReadOnlyList<string> names, double width)
    {
        var positions = new List<(double, double)>();
        double x = 8, y = 8;
        foreach (var name in names)
        {
            var itemWidth = 16 + 6 + (name.Length * CharWidth) + 50; // swatch, gap, name, room for the total
            if (x > 8 && x + itemWidth > width)
            {
                x = 8;
                y += 20;
            }

            positions.Add((x, y));
            x += itemWidth + 12;
        }

        return new LegendItems(positions, names.Count == 0 ? 0 : y + 24);
    }

    private static XElement Legend(string id, IReadOnlyList<ChartSeries> series, LegendItems layout, double top, Func<double, string> format)
    {
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        for (var i = 0; i < series.Count; i++)
        {
            var (x, y) = layout.Positions[i];
            var total = series[i].Values.Sum(Clean);
            legend.Add(new XElement(Svg + "g",
                new XAttribute("class", "legend-item"),
                new XAttribute("data-series", Clean(series[i].Name)),
                Rect(x, top + y, 16, 12, $"url(#{id}-p{i})", Palette[i % Palette.Count]),
                Text(x + 22, top + y + 10, $"{Shorten(series[i].Name)} ({format(total)})", "start", "legend-label")));
        }

        return legend;
    }

    private static string IdPrefix(ChartOptions options, string kind, string title, string description, IEnumerable<string> data)
    {
        if (options.Id is { Length: > 0 } given)
        {
            var safe = new string(given.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
            return safe.Length > 0 && char.IsAsciiLetter(safe[0]) ? safe : "chart-" + safe;
        }

        var content = string.Join('\n', new[] { kind, title, description }.Concat(data));
        return "chart-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..10];
    }

    private static Func<double, string> Formatter(ChartOptions options) =>
        options.FormatValue is { } custom ? v => Clean(custom(v)) : v => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Write(XElement root) => root.ToString(SaveOptions.DisableFormatting);

    private static double Clean(double value) => double.IsFinite(value) && value > 0 ? value : 0;

    /// <summary>Drops what XML cannot carry (control characters, lone surrogates); XElement encodes the rest.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var b = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                b.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(c) && (c >= ' ' || c is '\t'))
            {
                b.Append(c);
            }
            else if (c is '\r' or '\n')
            {
                b.Append(' ');
            }
        }

        return b.ToString();
    }

    private static string Shorten(string? label)
    {
        var clean = Clean(label);
        return clean.Length <= MaxLabelChars ? clean : clean[..(MaxLabelChars - 1)].TrimEnd() + "…";
    }

    private static string Num(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The plot area of vertical and stacked charts.</summary>
    private sealed record VerticalPlot(double Left, double Right, double Top, double PlotHeight, double TotalHeight, bool RotateLabels)
    {
        public static VerticalPlot Create(ChartOptions options, IReadOnlyList<string> labels)
        {
            const double left = 48, top = 20;
            var right = options.Width - 8.0;
            var slot = labels.Count == 0 ? right - left : (right - left) / labels.Count;
            var longest = labels.Count == 0 ? 0 : labels.Max(l => l.Length) * CharWidth;
            var rotate = longest > slot - 4;
            var below = rotate ? Math.Min(longest * 0.65, 160) + 20 : 26;
            return new VerticalPlot(left, right, top, options.Height, top + options.Height + below, rotate);
        }

        public (double X, double Width) Slot(int index, int count)
        {
            var slot = (Right - Left) / count;
            var width = Math.Max(1, Math.Min(slot * 0.7, 80));
            return (Left + (index * slot) + ((slot - width) / 2), width);
        }
    }

    /// <summary>
    /// A 0-based linear scale rounded up to a "nice" maximum (1, 2, 2.5, 5 × 10ⁿ), with up to 6 ticks; whole-number
    /// data (counts) gets whole-number ticks.
    /// </summary>
    private sealed record Scale(double Max, IReadOnlyList<double> Ticks)
    {
        public static Scale For(IReadOnlyList<double> values)
        {
            var max = values.Count == 0 ? 0 : values.Max();
            if (max <= 0)
            {
                return new Scale(1, [0]);
            }

            var rough = max / 5;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
            var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
            if (values.All(v => v == Math.Floor(v)))
            {
                step = Math.Max(1, Math.Ceiling(step));
            }

            var niceMax = Math.Ceiling(max / step) * step;
            var ticks = new List<double>();
            for (var t = 0.0; t <= niceMax + (step / 2); t += step)
            {
                ticks.Add(Math.Round(t, 10));
            }

            return new Scale(niceMax, ticks);
        }

        public double Length(double value, double space) => Max <= 0 ? 0 : value / Max * space;
    }
}
