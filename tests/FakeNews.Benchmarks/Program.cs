using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "gemm")
{
    return FakeNews.Benchmarks.GemmPeak.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(FakeNews.Benchmarks.TokenizerBenchmarks).Assembly).Run(args);
return 0;
