using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FakeNews.Core.Batching;
using FakeNews.Inference;

namespace FakeNews.Benchmarks;

/// <summary>
/// ONNX Runtime alone (<see cref="RawBatchRunner"/>: the product's session settings, no pipeline) per batch size
/// (1 to 256), sequence length (32 to 512) and precision, on the device in FAKENEWS_BENCH_DEVICE (cpu, default, or
/// cuda). One operation runs one full batch of random ids with no padding. The model is FAKENEWS_BENCH_MODEL, else
/// models/minilm-news-v2, else artifacts/bench/minilm-random-head. Run (the whole grid takes long on 2 cores):
/// <code>dotnet run -c Release --project tests/FakeNews.Benchmarks -- --filter '*InferenceBenchmarks*'</code>
/// FAKENEWS_BENCH_GRID=small limits it to batch 1/32 x length 32/128.
/// </summary>
[Config(typeof(Config))]
public class InferenceBenchmarks
{
    private RawBatchRunner _runner = null!;
    private TokenBatch _batch = null!;

    [ParamsSource(nameof(BatchSizes))]
    public int BatchSize { get; set; }

    [ParamsSource(nameof(Lengths))]
    public int Length { get; set; }

    [Params(ModelPrecision.Fp32, ModelPrecision.Int8)]
    public ModelPrecision Precision { get; set; }

    public static IEnumerable<int> BatchSizes => Small ? [1, 32] : [1, 8, 32, 128, 256];

    public static IEnumerable<int> Lengths => Small ? [32, 128] : [32, 64, 128, 256, 512];

    private static bool Small => Environment.GetEnvironmentVariable("FAKENEWS_BENCH_GRID") == "small";

    [GlobalSetup]
    public void Setup()
    {
        var device = Environment.GetEnvironmentVariable("FAKENEWS_BENCH_DEVICE")?.ToLowerInvariant() == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu;
        _runner = RawBatchRunner.Open(new ClassifierOptions { ModelDirectory = BenchmarkData.InferenceModel, Device = device, Precision = Precision });
        var tokenizer = _runner.Folder.Tokenizer;
        var random = new Random(1);
        var rows = Enumerable.Range(0, BatchSize).Select(_ =>
        {
            var ids = new int[Length];
            for (var i = 1; i < Length - 1; i++)
            {
                ids[i] = random.Next(1000, tokenizer.VocabSize);
            }

            (ids[0], ids[^1]) = (tokenizer.ClsId, tokenizer.SepId);
            return ids;
        }).ToList();
        _batch = new TokenBatch(rows);
        Console.WriteLine($"// {_runner.Folder.Config.Id} on {_runner.Provider} ({_runner.Precision})");
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark(Description = "ONNX Runtime, one batch")]
    public float[][] Run() => _runner.Run(_batch);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(500)));
            AddColumn(new ItemsPerSecondColumn());
        }
    }

    /// <summary>Sequences per second: the batch size over the mean time of one batch.</summary>
    private sealed class ItemsPerSecondColumn : IColumn
    {
        public string Id => nameof(ItemsPerSecondColumn);

        public string ColumnName => "Items/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Sequences per second: batch size / mean time of one batch";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var batch = (int)benchmarkCase.Parameters[nameof(BatchSize)];
            return meanNs is null or 0 ? "NA" : (batch / (meanNs.Value / 1e9)).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
