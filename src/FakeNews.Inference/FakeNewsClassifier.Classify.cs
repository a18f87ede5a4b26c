using System.Diagnostics;
using FakeNews.Core.Chunking;
using FakeNews.Core.Classification;
using FakeNews.Core.Concurrency;
using FakeNews.Core.Models;

namespace FakeNews.Inference;

public sealed partial class FakeNewsClassifier
{
    /// <summary>
    /// Classifies one text. A text longer than one window is split into overlapping windows; the verdict uses the
    /// token-weighted mean of the windows' calibrated probabilities (<see cref="WindowAggregation"/>).
    /// </summary>
    /// <exception cref="ClassificationException">
    /// InvalidInput (empty text, or one <see cref="InputScope"/> refuses), TooLong (more than MaxWindows windows), Overloaded (queue full),
    /// BackendFailure (inference failed) or NotReady (shutting down).
    /// </exception>
    public async Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        EnsureRoom();
        var prepared = Prepare(request);
        var logits = await _batcher.EnqueueManyAsync(prepared.Sequences, cancellationToken).ConfigureAwait(false);
        return Finish(prepared, logits, started);
    }

    /// <summary>
    /// Classifies many texts concurrently through the shared batcher and returns the results in request order.
    /// Keeps at most half the queue capacity of windows in flight, so a large list does not overload the queue.
    /// The first failure in request order is thrown and the requests still in flight are cancelled.
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="ClassifyAsync"/>.</exception>
    public Task<IReadOnlyList<ClassificationResult>> ClassifyManyAsync(
        IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken = default) =>
        ManyAsync(requests, Prepare, p => p.Sequences.Length, ScoreAsync, cancellationToken);

    /// <summary>
    /// Prepares each request on the caller's flow and runs it, with at most <see cref="SequenceBudget"/> sequences in
    /// flight; results in request order. Every failure, argument checks included, comes through the task.
    /// </summary>
    private async Task<IReadOnlyList<TResult>> ManyAsync<TPrepared, TResult>(
        IReadOnlyList<ClassificationRequest> requests,
        Func<ClassificationRequest, TPrepared> prepare,
        Func<TPrepared, int> sequences,
        Func<TPrepared, long, CancellationToken, Task<TResult>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        EnsureRoom();
        return await BoundedInOrder.ToListAsync(
            requests.Select(request => (Started: Stopwatch.GetTimestamp(), Prepared: prepare(request))),
            (p, token) => run(p.Prepared, p.Started, token),
            SequenceBudget,
            p => sequences(p.Prepared),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Most sequences the many-text calls keep in flight; an item needing more runs alone.</summary>
    private int SequenceBudget => Math.Max(_options.MaxWindows, _options.QueueCapacity / 2);

    private async Task<ClassificationResult> ScoreAsync(PreparedText prepared, long started, CancellationToken cancellationToken)
    {
        var logits = await _batcher.EnqueueManyAsync(prepared.Sequences, cancellationToken).ConfigureAwait(false);
        return Finish(prepared, logits, started);
    }

    /// <summary>
    /// Refuses a request as overloaded when the batcher's queue has no room for even one window, before any
    /// tokenizing: under overload a refusal costs next to nothing. (The batcher checks the real window count again.)
    /// </summary>
    private void EnsureRoom()
    {
        if (_batcher.QueueLength >= _options.QueueCapacity)
        {
            throw new ClassificationException(
                ErrorKind.Overloaded, $"The request queue is full ({_options.QueueCapacity} sequences waiting, QueueCapacity); retry later.");
        }
    }

    /// <summary>
    /// Validates, tokenizes and windows one request (CPU work on the caller's thread). Tokenizing stops once the
    /// text has more tokens than <see cref="ClassifierOptions.MaxWindows"/> windows hold, so a text of any length
    /// costs at most the work of the longest accepted one.
    /// </summary>
    private PreparedText Prepare(ClassificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ClassificationException(ErrorKind.InvalidInput, "The text is empty or whitespace only.");
        }

        if (_options.CheckInputScope && InputScope.Refusal(request) is { } refusal)
        {
            throw new ClassificationException(ErrorKind.InvalidInput, refusal);
        }

        var tokenizer = Folder.Tokenizer;
        var maxTokens = TokenWindowPlanner.MaxTokens(WindowSize, WindowOverlap, _options.MaxWindows);
        var ids = tokenizer.TokenizeToIds(request.ModelInput(), maxTokens + 1);
        if (ids.Length > maxTokens)
        {
            throw new ClassificationException(
                ErrorKind.TooLong,
                $"The text has more than {maxTokens} tokens (tokenizing stopped there) and needs more than {_options.MaxWindows} windows of {WindowSize} tokens (overlap {WindowOverlap}); the limit is {_options.MaxWindows} windows.");
        }

        if (ids.Length == 0)
        {
            throw new ClassificationException(ErrorKind.InvalidInput, "The text has no tokens the model can read (only control or zero-width characters).");
        }

        var windows = TokenWindowPlanner.Plan(ids.Length, WindowSize, WindowOverlap, _options.MaxWindows);
        var sequences = windows.Select(w => tokenizer.Wrap(ids.AsSpan(w.Start, w.Count)).InputIds).ToArray();
        return new PreparedText(ids.Length, windows, sequences, InputKinds.Derive(request));
    }

    /// <summary>
    /// Calibrates each window with the logits of the head that scores the request's kind (config.json
    /// <c>kind_outputs</c>; the first output otherwise), then aggregates and decides.
    /// </summary>
    private ClassificationResult Finish(PreparedText prepared, float[][] logits, long started)
    {
        EnsureFinite(logits);
        var config = Folder.Config;
        var calibration = config.CalibrationFor(prepared.Kind);
        var offset = _headOffsets[prepared.Kind];
        var probabilities = logits
            .Select(row => Calibration.Softmax(row.AsSpan(offset, _labelCount), calibration.Temperature, calibration.Bias, _fakeIndex))
            .ToList();
        var aggregate = WindowAggregation.TokenWeightedMean(probabilities, prepared.Windows);
        var pFake = aggregate[_fakeIndex];
        var chunks = prepared.Windows
            .Select(w => new WindowScore(w.Index, w.Start, w.Count, probabilities[w.Index][_fakeIndex]))
            .ToList();
        var byLabel = new Dictionary<string, float>(config.Labels.Count, StringComparer.Ordinal);
        for (var i = 0; i < config.Labels.Count; i++)
        {
            byLabel[config.Labels[i]] = aggregate[i];
        }

        var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var label = Decide(config, aggregate, pFake, calibration.Threshold);
        LogClassified(_logger, prepared.TokenCount, chunks.Count, label, pFake, latencyMs);
        var kind = config.Kinds is null ? (InputKind?)null : prepared.Kind;
        return new ClassificationResult(label, pFake, byLabel, prepared.TokenCount, chunks, Model.Id, latencyMs, kind, calibration.Threshold);
    }

    /// <summary>
    /// NaN or infinite logits (a broken graph, an fp16 overflow) would calibrate to NaN, compare as "not fake" and
    /// then fail the JSON writers; they are a backend failure instead.
    /// </summary>
    private void EnsureFinite(float[][] logits)
    {
        for (var window = 0; window < logits.Length; window++)
        {
            foreach (var value in logits[window])
            {
                if (!float.IsFinite(value))
                {
                    throw new ClassificationException(
                        ErrorKind.BackendFailure,
                        $"Model '{Model.Id}' ({Model.Precision}, {Model.ExecutionProvider}) returned a non-finite logit ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)}) for window {window}.");
                }
            }
        }
    }

    /// <summary><c>fake</c> when p_fake reaches the kind's threshold; otherwise the most probable other label.</summary>
    private string Decide(ModelConfig config, float[] aggregate, float pFake, float threshold)
    {
        if (pFake >= threshold)
        {
            return ModelConfig.FakeLabel;
        }

        var best = -1;
        for (var i = 0; i < aggregate.Length; i++)
        {
            if (i != _fakeIndex && (best < 0 || aggregate[i] > aggregate[best]))
            {
                best = i;
            }
        }

        return config.Labels[best];
    }

    private sealed record PreparedText(int TokenCount, IReadOnlyList<TokenWindow> Windows, int[][] Sequences, InputKind Kind);
}
