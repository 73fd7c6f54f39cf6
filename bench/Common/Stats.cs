using System.Globalization;

namespace PartnerIntake.BenchCommon;

public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>"12.3 (10.1–14.0)": the median and the range, in the given format.</summary>
    public static string MedianRange(IReadOnlyList<double> values, string format) =>
        values.Count == 0
            ? "–"
            : values.Count == 1
                ? values[0].ToString(format, CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture,
                    $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");
}
