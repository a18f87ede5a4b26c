using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(FakeNews.Benchmarks.TokenizerBenchmarks).Assembly).Run(args);
