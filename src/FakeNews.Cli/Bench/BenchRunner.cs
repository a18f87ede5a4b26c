using System.Diagnostics;
using FakeNews.Core.Batching;
using FakeNews.Inference;
using Microsoft.Extensions.Logging;

namespace FakeNews.Cli.Bench;

/// <summary>
/// Runs the phases of <c>fakenews bench</c> one after another, each alone on the machine: the pipeline with
/// batching, ONNX Runtime alone on the very batches the pipeline formed, the pipeline without batching (batch size
/// 1) at the same precision and, when that precision is not fp32, again with fp32.
/// </summary>
internal static class BenchRunner
{
    public static async Task<BenchReport> RunAsync(BenchSettings settings, ILoggerFactory loggerFactory, Action<string> progress, CancellationToken cancellationToken)
    {
        var recorder = new BatchRecorder();
        var options = With(settings.Options, settings.Options.MaxBatchSize, settings.Options.Precision);

        var report = new BenchReport { Settings = settings, LoadAverageBefore = LoadAverage() };
        progress($"batched: {settings.Concurrency} callers, {settings.Duration.TotalSeconds:F0} s after {settings.WarmUp.TotalSeconds:F0} s warm-up");
        await using (var classifier = await FakeNewsClassifier.CreateAsync(options, loggerFactory, recorder, cancellationToken).ConfigureAwait(false))
        {
            report.Model = classifier.Model;
            report.MeanTokens = settings.Texts.Average(t => (double)classifier.Folder.Tokenizer.TokenizeToIds(t).Length + 2);
            report.Batched = await LoadGenerator.RunAsync(
                classifier, settings.Texts, settings.Concurrency, settings.WarmUp, settings.Duration, on => recorder.Recording = on, cancellationToken).ConfigureAwait(false);
        }

        if (settings.Raw && recorder.Batches.Count > 0)
        {
            progress($"raw ONNX Runtime: replaying the {recorder.Batches.Count} batches the pipeline formed");
            report.Raw = Replay(options, recorder.Batches, settings.Diagnostics, progress);
        }

        if (settings.Unbatched)
        {
            progress("unbatched: batch size 1, same precision");
            report.Unbatched = await RunUnbatchedAsync(settings, settings.Options.Precision, loggerFactory, cancellationToken).ConfigureAwait(false);
            if (report.Model!.Precision != "fp32")
            {
                progress("unbatched: batch size 1, fp32");
                report.UnbatchedFp32 = await RunUnbatchedAsync(settings, ModelPrecision.Fp32, loggerFactory, cancellationToken).ConfigureAwait(false);
            }
        }

        report.LoadAverageAfter = LoadAverage();
        return report;
    }

    private static async Task<LoadResult> RunUnbatchedAsync(BenchSettings settings, ModelPrecision precision, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var options = With(settings.Options, 1, precision);
        await using var classifier = await FakeNewsClassifier.CreateAsync(options, loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await LoadGenerator.RunAsync(classifier, settings.Texts, settings.Concurrency, settings.WarmUp, settings.Duration, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The recorded batches on a bare session opened like the classifier's: one warm-up batch, then all of them timed.</summary>
    /// <remarks>With a profile prefix, the timed runs are profiled (and slowed by the profiler); the warm-up batch is too.</remarks>
    private static RawResult Replay(ClassifierOptions options, List<TokenBatch> batches, SessionDiagnostics diagnostics, Action<string> progress)
    {
        using var runner = RawBatchRunner.Open(options, diagnostics: diagnostics);
        if (diagnostics.OptimizedGraphPath is { } optimized)
        {
            progress($"raw ONNX Runtime: optimized graph for {runner.Provider} written to {optimized}");
        }

        runner.Run(batches[0]);
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            runner.Run(batch);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (diagnostics.ProfilePrefix is not null)
        {
            progress($"raw ONNX Runtime: profiler trace written to {runner.EndProfiling()}");
        }

        return new RawResult(batches.Sum(b => (long)b.Count), batches.Count, seconds, batches.Sum(b => b.PaddedTokens));
    }

    private static ClassifierOptions With(ClassifierOptions o, int? batchSize, ModelPrecision precision) => o with
    {
        Precision = precision,
        MaxBatchSize = batchSize,
        MaxBatchDelay = batchSize == 1 ? TimeSpan.Zero : o.MaxBatchDelay,
    };

    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>Keeps the batches the pipeline forms while <see cref="Recording"/> is on.</summary>
internal sealed class BatchRecorder : IBatchObserver
{
    private volatile bool _recording;

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>The recorded batches; read them once the classifier is disposed.</summary>
    public List<TokenBatch> Batches { get; } = [];

    // Called on the batcher's single loop, so the list needs no lock.
    public void OnBatch(TokenBatch batch)
    {
        if (_recording)
        {
            Batches.Add(batch);
        }
    }
}

/// <summary>ONNX Runtime alone on recorded batches.</summary>
internal sealed record RawResult(long Items, int Batches, double Seconds, long PaddedTokens)
{
    public double ItemsPerSecond => Items / Seconds;
}
