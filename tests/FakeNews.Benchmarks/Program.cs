using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/FakeNews.Benchmarks -- gemm ... | load ... | BenchmarkDotNet arguments (--filter ...).
// The throughput benchmarks under Throughput/ need the test runner: FAKENEWS_BENCH=1 dotnet test tests/FakeNews.Benchmarks.
if (args.Length > 0 && args[0] == "gemm")
{
    return FakeNews.Benchmarks.GemmPeak.Run(args);
}

if (args.Length > 0 && args[0] == "load")
{
    return await FakeNews.Benchmarks.Load.LoadTest.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(FakeNews.Benchmarks.TokenizerBenchmarks).Assembly).Run(args);
return 0;
