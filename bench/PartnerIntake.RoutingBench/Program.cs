using BenchmarkDotNet.Running;

namespace PartnerIntake.RoutingBench;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
