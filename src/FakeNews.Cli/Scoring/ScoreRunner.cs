using FakeNews.Cli.Output;
using FakeNews.Cli.Progress;
using FakeNews.Cli.Readers;
using FakeNews.Core.Classification;
using FakeNews.Core.Concurrency;
using FakeNews.Core.Explanations;

namespace FakeNews.Cli.Scoring;

/// <summary>
/// Scores items concurrently (at most <c>maxInFlight</c> submitted and not yet written, so the classifier's batcher
/// can fill batches) and writes their rows in input order as they complete. On cancellation it stops submitting,
/// writes nothing more and returns; every row already written is complete.
/// </summary>
internal static class ScoreRunner
{
    /// <summary>How many units a row of <c>score --explain</c> lists.</summary>
    public const int TopUnits = 5;

    /// <summary>
    /// Runs the items through <paramref name="classifier"/> into <paramref name="output"/>; with
    /// <paramref name="explain"/> each row also gets its <see cref="TopUnits"/> strongest units (the classifier must
    /// be an <see cref="ITextExplainer"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; the output holds whole rows only.</exception>
    public static async Task RunAsync(
        IEnumerable<InputItem> items,
        ITextClassifier classifier,
        ResultFile output,
        ProgressReporter progress,
        int maxInFlight,
        CancellationToken cancellationToken,
        bool explain = false)
    {
        var model = classifier.Model.Id;
        var explainer = explain
            ? classifier as ITextExplainer ?? throw new ArgumentException("The classifier cannot explain.", nameof(classifier))
            : null;
        await BoundedInOrder.ForEachAsync(
            items,
            (item, token) => ScoreAsync(item, classifier, explainer, model, token),
            async row =>
            {
                await output.WriteAsync(row).ConfigureAwait(false);
                progress.Advance(row.Error is not null, row.Tokens ?? 0);
            },
            maxInFlight,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<OutputRow> ScoreAsync(
        InputItem item, ITextClassifier classifier, ITextExplainer? explainer, string model, CancellationToken cancellationToken)
    {
        if (item.Error is not null)
        {
            return OutputRow.Failed(item.Id, model, item.Error);
        }

        try
        {
            if (explainer is not null)
            {
                var explanation = await explainer.ExplainAsync(item.ToRequest(), cancellationToken).ConfigureAwait(false);
                return OutputRow.Scored(item.Id, explanation.Result) with { TopUnits = explanation.Strongest(TopUnits) };
            }

            var result = await classifier.ClassifyAsync(item.ToRequest(), cancellationToken).ConfigureAwait(false);
            return OutputRow.Scored(item.Id, result);
        }
        catch (ClassificationException e) when (ErrorMap.IsItemLevel(e))
        {
            return OutputRow.Failed(item.Id, model, ErrorMap.ToRowError(e));
        }
    }
}
