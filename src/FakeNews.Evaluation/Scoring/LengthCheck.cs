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
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(countTokens);
        foreach (var example in dataset.Examples)
        {
            var tokens = countTokens(example.ToRequest(useMetadata).ModelInput());
            var windows = TokenWindowPlanner.CountWindows(tokens, windowSize, overlap);
            if (windows > maxWindows)
            {
                throw new DataFormatException(
                    dataset.Path,
                    example.Line,
                    $"example '{example.Id}' has {tokens} tokens and needs {windows} windows of {windowSize} (overlap {overlap}); the model allows {maxWindows}");
            }
        }
    }
}
