using System.Diagnostics;
using FakeNews.Core.Classification;
using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace FakeNews.Benchmarks.Throughput;

/// <summary>
/// Throughput numbers, printed (not asserted). Run:
/// <code>
/// /usr/bin/python3 tests/FakeNews.Benchmarks/Throughput/make_bench_model.py artifacts/pretrained/all-MiniLM-L6-v2 artifacts/bench/minilm-random-head
/// FAKENEWS_BENCH=1 dotnet test tests/FakeNews.Benchmarks -c Release --filter "FullyQualifiedName~InferenceThroughputBenchmarks" --logger "console;verbosity=detailed"
/// </code>
/// FAKENEWS_BENCH_MODEL overrides the classifier's model folder (default artifacts/bench/minilm-random-head);
/// FAKENEWS_BENCH_DEVICE picks auto, cpu or cuda (default auto).
/// </summary>
public sealed class InferenceThroughputBenchmarks(ITestOutputHelper output)
{
    private static string Root { get; } = FakeNews.Testing.RepositoryRoot.Find();

    private static string RawModel => Path.Combine(Root, "artifacts", "pretrained", "all-MiniLM-L6-v2", "model.onnx");

    private static string BenchModel =>
        Environment.GetEnvironmentVariable("FAKENEWS_BENCH_MODEL") is { Length: > 0 } dir ? dir : Path.Combine(Root, "artifacts", "bench", "minilm-random-head");

    private static ExecutionDevice Device =>
        Enum.TryParse<ExecutionDevice>(Environment.GetEnvironmentVariable("FAKENEWS_BENCH_DEVICE"), ignoreCase: true, out var d) ? d : ExecutionDevice.Auto;

    [BenchmarkFact]
    public void Raw_onnx_runtime_items_per_second_at_batch_1_and_32_length_64()
    {
        var (session, provider) = SessionFactory.Create(RawModel, Device, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using (session)
        using (var runOptions = new RunOptions())
        {
            foreach (var (batch, seconds) in new[] { (1, 5.0), (32, 10.0) })
            {
                const int length = 64;
                var ids = new long[batch * length];
                var rng = new Random(1);
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = i % length == 0 ? 101 : i % length == length - 1 ? 102 : rng.Next(1000, 30000);
                }

                var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
                var types = new long[ids.Length];
                long[] shape = [batch, length];
                using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
                using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
                using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
                string[] inputs = ["input_ids", "attention_mask", "token_type_ids"];
                OrtValue[] values = [idsValue, maskValue, typesValue];
                string[] outputs = ["last_hidden_state"];
                for (var i = 0; i < 3; i++)
                {
                    using var warm = session.Run(runOptions, inputs, values, outputs);
                }

                var runs = 0;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    using var result = session.Run(runOptions, inputs, values, outputs);
                    runs++;
                }

                var elapsed = clock.Elapsed.TotalSeconds;
                output.WriteLine(FormattableString.Invariant(
                    $"raw ORT {provider} MiniLM-L6 batch {batch} x {length}: {runs} runs in {elapsed:F2} s = {runs * batch / elapsed:F1} items/s, {runs * batch * length / elapsed:F0} tokens/s, {elapsed * 1000 / runs:F2} ms/run"));
            }
        }
    }

    /// <summary>The same claims in the batches the planner forms from a full queue, run on a bare backend: no tokenizer, queue or tasks.</summary>
    private void ReplayPlannedBatchesOnTheBackendAlone(ModelFolder folder, List<ClassificationRequest> claims, int tokens)
    {
        var pending = claims.Select(c => folder.Tokenizer.Encode(c.Text, folder.Config.MaxLength).InputIds).ToList();
        var batches = new List<Core.Batching.TokenBatch>();
        while (pending.Count > 0)
        {
            var plan = Core.Batching.BatchPlanner.Plan(pending.Select(p => p.Length).ToList(), 32, 8192);
            batches.Add(new Core.Batching.TokenBatch(plan.Indices.Select(i => pending[i]).ToList()));
            foreach (var index in plan.Indices.OrderDescending())
            {
                pending.RemoveAt(index);
            }
        }

        var (session, provider) = SessionFactory.Create(folder.OnnxPath, Device, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var signature = ModelSignature.Discover(session, folder.OnnxPath, ["logits"], 2);
        using var backend = new OnnxBatchBackend(session, signature, folder.OnnxPath, 2, folder.Tokenizer.PadId, provider);
        backend.Run(batches[0]);
        var clock = Stopwatch.StartNew();
        batches.ForEach(b => backend.Run(b));
        var elapsed = clock.Elapsed.TotalSeconds;
        var padded = batches.Sum(b => b.PaddedTokens);
        output.WriteLine(FormattableString.Invariant(
            $"backend alone {provider}, same claims in {batches.Count} planned batches (padding {(padded - tokens) / (double)padded:P1}): {elapsed:F2} s = {claims.Count / elapsed:F1} items/s, {tokens / elapsed:F0} tokens/s"));
    }

    [BenchmarkFact]
    public async Task Classifier_with_1000_concurrent_short_requests()
    {
        var claims = File.ReadLines(Path.Combine(Root, "..", "shared", "data", "liar", "valid.tsv"))
            .Select(line => line.Split('\t')[2])
            .Take(1000)
            .Select(text => new ClassificationRequest(text))
            .ToList();
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions { ModelDirectory = BenchModel, Device = Device });
        var folder = classifier.Folder;
        var tokens = claims.Sum(c => folder.Tokenizer.TokenizeToIds(c.Text).Length + 2);

        foreach (var round in new[] { "first", "second" })
        {
            var before = classifier.Stats;
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(claims.Select(c => classifier.ClassifyAsync(c)));
            var elapsed = clock.Elapsed.TotalSeconds;
            var after = classifier.Stats;
            var stats = new Core.Batching.BatcherStats(
                after.Items - before.Items, after.Batches - before.Batches, after.PaddedTokens - before.PaddedTokens, after.RealTokens - before.RealTokens);
            output.WriteLine(FormattableString.Invariant(
                $"classifier {classifier.Model.ExecutionProvider} {classifier.Model.Name} ({round} round): {results.Length} concurrent claims in {elapsed:F2} s = {results.Length / elapsed:F1} items/s, {tokens / elapsed:F0} tokens/s; {stats.Batches} batches, mean batch {stats.MeanBatchSize:F1}, padding {stats.PaddingRatio:P1}, mean latency {results.Average(r => r.LatencyMs):F0} ms"));
        }

        ReplayPlannedBatchesOnTheBackendAlone(folder, claims, tokens);
        output.WriteLine(FormattableString.Invariant($"claims: {claims.Count}, tokens with specials: {tokens}, mean {tokens / (double)claims.Count:F1}; model {folder.Directory}"));
    }
}
