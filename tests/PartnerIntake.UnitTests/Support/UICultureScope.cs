using System.Globalization;

namespace PartnerIntake.UnitTests.Support;

/// <summary>Sets <see cref="CultureInfo.CurrentUICulture"/> for one test and restores the previous one on dispose.</summary>
public sealed class UICultureScope : IDisposable
{
    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    public UICultureScope(string name)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose() => CultureInfo.CurrentUICulture = previous;
}
