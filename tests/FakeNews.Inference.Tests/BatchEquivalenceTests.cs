using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Core.Models;
using FakeNews.Inference;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeNews.Inference.Tests;

/// <summary>
/// Padding and batch neighbours must not change results: a row's logits in any batch equal its logits alone (tolerance
/// 1e-5), in float32 and in the shipped int8 graph, whose activations are quantized per token.
/// </summary>
public class BatchEquivalenceTests
{
    private const float Tolerance = 1e-5f;

    /// <summary>Texts of many lengths, from a handful of tokens to more than one window.</summary>
    private static List<string> Texts()
    {
        var golden = Fixtures.Golden("tiny-distilbert").Select(g => g.ModelInput).ToList();
        var texts = new List<string>(golden);
        for (var i = 0; texts.Count < 40; i++)
        {
            var a = golden[i % golden.Count];
            var b = golden[(i * 3 + 1) % golden.Count];
            texts.Add(i % 4 == 0 ? a.Split(' ')[0] : string.Join(" ", (a + " " + b).Split(' ').Take(3 + (i * 7 % 60))));
        }

        return texts;
    }

    [Theory]
    [InlineData("tiny-distilbert")]
    [InlineData("tiny-bert")]
    public void Backend_batches_of_1_to_32_equal_single_rows(string fixture)
    {
        var folder = ModelFolder.Load(Fixtures.Model(fixture));
        using var backend = OpenBackend(folder, folder.OnnxPath, threads: 1);
        var sequences = Texts().Select(t => folder.Tokenizer.Encode(t, 128).InputIds).ToList();

        AssertBatchesEqualSingleRows(backend, sequences, Enumerable.Range(1, 32));
        Assert.Contains(sequences, s => s.Length <= 4);
        Assert.Contains(sequences, s => s.Length >= 60);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(32)]
    public async Task Classifier_results_under_concurrent_load_equal_one_at_a_time_results(int maxBatchSize)
    {
        var requests = Texts().Select(t => new ClassificationRequest(t)).ToList();
        var options = new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"),
            Device = ExecutionDevice.Cpu,
            MaxLength = 32,
            WindowStride = 8,
            MaxBatchSize = maxBatchSize,
            MaxBatchDelay = TimeSpan.FromMilliseconds(5),
        };
        await using var classifier = await FakeNewsClassifier.CreateAsync(options);
        var alone = new List<ClassificationResult>();
        foreach (var request in requests)
        {
            alone.Add(await classifier.ClassifyAsync(request));
        }

        var together = await classifier.ClassifyManyAsync(requests);

        Assert.Equal(requests.Count, together.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Label, together[i].Label);
            Assert.Equal(alone[i].PFake, together[i].PFake, Tolerance);
            Assert.Equal(alone[i].Chunks.Count, together[i].Chunks.Count);
            for (var w = 0; w < alone[i].Chunks.Count; w++)
            {
                Assert.Equal(alone[i].Chunks[w].PFake, together[i].Chunks[w].PFake, Tolerance);
            }
        }

        Assert.Contains(together, r => r.Chunks.Count > 1);
        Assert.True(classifier.Stats.Batches > 0);
        Assert.All(together, r => Assert.Equal("tiny-distilbert@1.0.0", r.Model));
    }

    [Fact]
    public void Shipped_int8_rows_equal_single_rows_next_to_same_length_and_padded_neighbours()
    {
        var folder = ModelFolder.Load(Path.Combine(Fixtures.Root, "models", "minilm-news-v2"));
        var (path, precision) = ModelGraph.Select(folder, ModelPrecision.Int8, onCuda: false);
        using var backend = OpenBackend(folder, path, threads: 2);
        var sequences = Texts().Select(t => folder.Tokenizer.Encode(t, 128).InputIds).ToList();
        // Same-length neighbours share a batch unpadded: the case where one activation scale per batch moved results.
        var claim = folder.Tokenizer.Encode("The governor cut school funding by ten percent last year.", 128).InputIds;
        var twin = folder.Tokenizer.Encode("The governor cut road funding by ten percent last year.", 128).InputIds;
        Assert.Equal(claim.Length, twin.Length);
        sequences.InsertRange(0, [claim, twin]);

        Assert.Equal("int8", precision);
        AssertBatchesEqualSingleRows(backend, sequences, [2, 3, 8, 13, 21]);
    }

    private static OnnxBatchBackend OpenBackend(ModelFolder folder, string path, int threads)
    {
        var (session, provider) = SessionFactory.Create(path, ExecutionDevice.Cpu, threads, NullLogger.Instance);
        var signature = ModelSignature.Discover(session, path, ["logits"], 2);
        return new OnnxBatchBackend(session, signature, path, 2, folder.Tokenizer.PadId, provider);
    }

    /// <summary>Splits the sequences into consecutive batches of each size; every row's logits equal the row run alone.</summary>
    private static void AssertBatchesEqualSingleRows(OnnxBatchBackend backend, List<int[]> sequences, IEnumerable<int> sizes)
    {
        var single = sequences.Select(s => backend.Run(new TokenBatch([s]))[0]).ToList();
        foreach (var size in sizes)
        {
            for (var start = 0; start + size <= sequences.Count; start += size)
            {
                var rows = backend.Run(new TokenBatch(sequences.GetRange(start, size)));
                for (var i = 0; i < size; i++)
                {
                    Assert.Equal(single[start + i][0], rows[i][0], Tolerance);
                    Assert.Equal(single[start + i][1], rows[i][1], Tolerance);
                }
            }
        }
    }
}
