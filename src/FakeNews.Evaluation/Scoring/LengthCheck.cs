using FakeNews.Core.Chunking;
using FakeNews.Core.Data;
using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Scoring;

/// <summary>
/// Finds, before scoring, the first example the pipeline would refuse as too long (more token windows than allowed),
/// so a long run does not fail at its end. Tokenizes every model input once: O(total characters).
/// </summary>
public static class LengthCheck
{
    /// <summary>Throws for the first example of <paramref name="dataset"/> that needs more than <paramref name="maxWindows"/> windows.</summary>
    /// <param name="dataset">The validated data.</param>
    /// <param name="countTokens">Counts the WordPiece tokens of a model input (special tokens excluded).</param>
    /// <param name="useMetadata">Whether the metadata prefix is part of the model input.</param>
    /// <param name="windowSize">Text tokens per window.</param>
    /// <param name="overlap">Tokens shared by consecutive windows.</param>
    /// <param name="maxWindows">The most windows one text may take.</param>
    /// <exception cref="DataFormatException">An example is too long; the message names its line, id and size.</exception>
    public static void EnsureAllFit(EvalDataset dataset, Func<string, int> countTokens, bool useMetadata, int windowSize, int overlap, int maxWindows)
    {
        ArgumentNullException.ThrowIfNull(countTokens);
        EnsureAllFit(
            dataset,
            input =>
            {
                var tokens = countTokens(input);
                return new WindowFit(tokens, TokenWindowPlanner.CountWindows(tokens, windowSize, overlap), windowSize, overlap, maxWindows);
            },
            useMetadata);
    }

    /// <summary>Throws for the first example of <paramref name="dataset"/> whose model input does not fit.</summary>
    /// <param name="dataset">The validated data.</param>
    /// <param name="measure">How a model input fits the served model's window limit.</param>
    /// <param name="useMetadata">Whether the metadata prefix is part of the model input.</param>
    /// <exception cref="DataFormatException">An example is too long; the message names its line, id and size.</exception>
    public static void EnsureAllFit(EvalDataset dataset, Func<string, WindowFit> measure, bool useMetadata)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(measure);
        foreach (var example in dataset.Examples)
        {
            var fit = measure(example.ToRequest(useMetadata).ModelInput());
            if (!fit.Fits)
            {
                throw new DataFormatException(
                    dataset.Path,
                    example.Line,
                    $"example '{example.Id}' has {fit.Tokens} tokens and needs {fit.Windows} windows of {fit.WindowSize} (overlap {fit.Overlap}); the model allows {fit.MaxWindows}");
            }
        }
    }
}
