using FakeNews.Core.Batching;
using FakeNews.Core.Classification;
using FakeNews.Core.Models;
using FakeNews.Inference;

namespace FakeNews.Inference.Tests.Hostile;

/// <summary>Requests that cannot be served are refused before the tokenizer does the work of a whole text.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task Text_far_over_the_window_limit_is_too_long_after_tokenizing_only_up_to_the_limit()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"), Device = ExecutionDevice.Cpu, IntraOpThreads = 1, MaxWindows = 2, QueueCapacity = 16,
        });
        var text = string.Join(' ', Enumerable.Repeat("taxes", 1_000_000));
        var request = new ClassificationRequest(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var pending = classifier.ClassifyAsync(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var error = await Assert.ThrowsAsync<ClassificationException>(() => pending);

        Assert.Equal(ErrorKind.TooLong, error.Kind);
        Assert.Contains("more than", error.Message, StringComparison.Ordinal);
        // The ids of the whole text alone would take 4 MB.
        Assert.True(allocated < 1_000_000, $"refusing the text allocated {allocated} bytes");
    }

    [Fact]
    public async Task Text_just_over_the_limit_reports_the_window_count_and_one_at_the_limit_is_scored()
    {
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"), Device = ExecutionDevice.Cpu, IntraOpThreads = 1, MaxWindows = 2, QueueCapacity = 16,
            MaxLength = 10, WindowStride = 2,
        });
        // Windows of 8 tokens overlapping by 2: two windows hold 14 tokens.
        var fits = await classifier.ClassifyAsync(new ClassificationRequest(string.Join(' ', Enumerable.Repeat("the", 14))));
        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(string.Join(' ', Enumerable.Repeat("the", 15)))));

        Assert.Equal(14, fits.Tokens);
        Assert.Equal(ErrorKind.TooLong, error.Kind);
    }

    [Fact]
    public async Task Full_queue_refuses_a_request_as_overloaded_before_tokenizing_it()
    {
        using var entered = new SemaphoreSlim(0);
        using var gate = new ManualResetEventSlim(false);
        await using var classifier = await FakeNewsClassifier.CreateAsync(new ClassifierOptions
        {
            ModelDirectory = Fixtures.Model("tiny-distilbert"), Device = ExecutionDevice.Cpu, IntraOpThreads = 1,
            MaxBatchSize = 1, MaxWindows = 2, QueueCapacity = 2,
        }, batchObserver: new BlockingObserver(entered, gate));

        var running = classifier.ClassifyAsync(new ClassificationRequest("The first claim runs."));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        var queued = new[] { classifier.ClassifyAsync(new ClassificationRequest("Second claim.")), classifier.ClassifyAsync(new ClassificationRequest("Third claim.")) };
        Assert.Equal(2, classifier.QueueLength);

        // Far too long as well: the queue check comes first, so the answer is Overloaded, not TooLong.
        var error = await Assert.ThrowsAsync<ClassificationException>(() => classifier.ClassifyAsync(new ClassificationRequest(string.Join(' ', Enumerable.Repeat("taxes", 100_000)))));

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        gate.Set();
        await running;
        await Task.WhenAll(queued);
    }
}

/// <summary>Signals each batch, then holds the batcher's loop until the gate opens.</summary>
internal sealed class BlockingObserver(SemaphoreSlim entered, ManualResetEventSlim gate) : IBatchObserver
{
    public void OnBatch(TokenBatch batch)
    {
        entered.Release();
        gate.Wait();
    }
}
