namespace FakeNews.Benchmarks.Throughput;

/// <summary>
/// A fact that runs only when <c>FAKENEWS_BENCH=1</c>: throughput measurements are slow and report numbers rather
/// than assert on them, so ordinary test runs skip them with this reason.
/// </summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FAKENEWS_BENCH") != "1")
        {
            Skip = "Benchmark: set FAKENEWS_BENCH=1 to run (see the class of this benchmark for the command).";
        }
    }
}
