using System.Diagnostics.Metrics;
using FakeNews.Core.Batching;
using FakeNews.Serving;

namespace FakeNews.Api.Metrics;

/// <summary>
/// The API's own instruments (meter <see cref="MeterName"/>), exported on <c>/metrics</c> beside ASP.NET Core's
/// request counts and latency histograms (<c>http.server.request.duration</c> by route and status). Thread-safe.
/// </summary>
public sealed class ApiMetrics : IBatchObserver
{
    /// <summary>The meter's name, to subscribe to in OpenTelemetry.</summary>
    public const string MeterName = "FakeNews.Api";

    private static readonly int[] BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    private readonly Counter<long> _predictions;
    private readonly Histogram<int> _batchSize;

    /// <summary>Creates the instruments; the observable ones read the classifier held by <paramref name="holder"/>.</summary>
    public ApiMetrics(IMeterFactory meterFactory, ClassifierHolder holder)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(holder);
        var meter = meterFactory.Create(MeterName);
        _predictions = meter.CreateCounter<long>("fakenews.predictions", "{prediction}", "Verdicts returned, by label.");
        _batchSize = meter.CreateHistogram(
            "fakenews.batch.size",
            "{sequence}",
            "Sequences (token windows) per inference batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        meter.CreateObservableGauge(
            "fakenews.queue.depth",
            () => holder.Current?.QueueLength ?? 0,
            "{sequence}",
            "Sequences waiting in the batcher's queue.");
        meter.CreateObservableCounter(
            "fakenews.batch.padded_tokens",
            () => holder.Current?.Stats.PaddedTokens ?? 0,
            "{token}",
            "Tokens computed by inference, padding included.");
        meter.CreateObservableCounter(
            "fakenews.batch.real_tokens",
            () => holder.Current?.Stats.RealTokens ?? 0,
            "{token}",
            "Tokens computed by inference that were not padding.");
    }

    /// <summary>Counts one verdict.</summary>
    public void RecordPrediction(string label) => _predictions.Add(1, new KeyValuePair<string, object?>("label", label));

    /// <summary>Records the size of one inference batch.</summary>
    public void RecordBatch(int sequences) => _batchSize.Record(sequences);

    /// <summary>Records the size of a batch the classifier is about to run.</summary>
    public void OnBatch(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RecordBatch(batch.Count);
    }
}
