using FakeNews.Core.Classification;
using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Explanations;

/// <summary>One unit to occlude: where it is in the request and which tokens of the model input it covers.</summary>
/// <param name="Source">As in <see cref="Attribution.Source"/>.</param>
/// <param name="Field">As in <see cref="Attribution.Field"/>.</param>
/// <param name="Start">As in <see cref="Attribution.Start"/>.</param>
/// <param name="End">As in <see cref="Attribution.End"/>.</param>
/// <param name="Text">As in <see cref="Attribution.Text"/>.</param>
/// <param name="TokenStart">First token of the unit in the model input's ids (special tokens excluded).</param>
/// <param name="TokenEnd">Just past the unit's last token; removing <c>[TokenStart, TokenEnd)</c> removes the unit.</param>
public sealed record AttributionUnit(string Source, string? Field, int Start, int End, string Text, int TokenStart, int TokenEnd)
{
    /// <summary>The attribution of this unit with <paramref name="weight"/>.</summary>
    public Attribution WithWeight(float weight) => new(Source, Field, Start, End, Text, weight);
}

/// <summary>The model input's ids and the units an explanation occludes.</summary>
/// <param name="Ids">WordPiece ids of <see cref="ClassificationRequest.ModelInput"/>, special tokens excluded.</param>
/// <param name="Granularity">Words when the ids fit in one window and the title and text have at most <see cref="ExplanationPlanner.MaxWordUnits"/> words, else sentences.</param>
/// <param name="Units">The units in input order; units without tokens (only control characters) are left out.</param>
public sealed record ExplanationPlan(int[] Ids, AttributionGranularity Granularity, IReadOnlyList<AttributionUnit> Units);

/// <summary>
/// Finds the units of a request and their token ranges. Pure; costs about three tokenizations of the input.
/// </summary>
/// <remarks>
/// The model input is the metadata prefix, the title and the text, joined at whitespace, so its ids are the
/// concatenation of the parts' ids; each part is cut into whitespace chunks (<see cref="TextSegmenter"/>) whose
/// ids concatenate the same way. The plan checks that the concatenation equals the ids of the whole input.
/// A metadata unit is a whole field (<c>speaker: X |</c>); its offsets point into the field's value.
/// </remarks>
public static class ExplanationPlanner
{
    /// <summary>
    /// Most words a text may have to be explained word by word; longer ones are explained by sentences. Each unit
    /// costs one sequence of the text's length, so words would make a one-window text of 200 words cost 200 passes.
    /// </summary>
    public const int MaxWordUnits = 64;

    /// <summary>Plans the units of <paramref name="request"/> for a model whose windows hold <paramref name="windowSize"/> tokens.</summary>
    /// <exception cref="InvalidOperationException">The parts' ids do not add up to the input's ids (a tokenizer invariant broke).</exception>
    public static ExplanationPlan Plan(BertWordPieceTokenizer tokenizer, ClassificationRequest request, int windowSize)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        var full = tokenizer.TokenizeToIds(request.ModelInput());
        var granularity = full.Length <= windowSize && CountWords(request.Title) + CountWords(request.Text) <= MaxWordUnits
            ? AttributionGranularity.Word
            : AttributionGranularity.Sentence;
        var ids = new List<int>(full.Length);
        var units = new List<AttributionUnit>();
        if (request.Metadata is { } metadata)
        {
            AddMetadata(tokenizer, metadata, ids, units);
        }

        if (!string.IsNullOrWhiteSpace(request.Title))
        {
            AddSource(tokenizer, request.Title, AttributionSources.Title, granularity, ids, units);
        }

        AddSource(tokenizer, request.Text, AttributionSources.Text, granularity, ids, units);
        if (!full.AsSpan().SequenceEqual(ids.ToArray()))
        {
            throw new InvalidOperationException(
                $"The explanation's units tokenize to {ids.Count} ids but the input has {full.Length}; the tokenizer no longer splits at whitespace.");
        }

        return new ExplanationPlan(full, granularity, units);
    }

    private static void AddMetadata(BertWordPieceTokenizer tokenizer, ArticleMetadata metadata, List<int> ids, List<AttributionUnit> units)
    {
        // Render("") is exactly the prefix the model input starts with: "speaker: X | party: Y | claim: ".
        var prefix = metadata.Render(string.Empty);
        var position = 0;
        foreach (var name in ArticleMetadata.FieldNames)
        {
            var value = ValueOf(metadata, name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var trimmed = value.Trim();
            var part = $"{name}: {trimmed} |";
            var at = prefix.IndexOf(part, position, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"The metadata field '{name}' is not rendered as '{part}'.");
            }

            var tokenStart = tokenizer.TokenizeToIds(prefix[..at]).Length;
            var tokenEnd = tokenizer.TokenizeToIds(prefix[..(at + part.Length)]).Length;
            var start = value.Length - value.TrimStart().Length;
            units.Add(new AttributionUnit(AttributionSources.Metadata, name, start, start + trimmed.Length, trimmed, tokenStart, tokenEnd));
            position = at + part.Length;
        }

        ids.AddRange(tokenizer.TokenizeToIds(prefix));
    }

    private static void AddSource(
        BertWordPieceTokenizer tokenizer, string text, string source, AttributionGranularity granularity, List<int> ids, List<AttributionUnit> units)
    {
        var chunks = TextSegmenter.Chunks(text);
        var chunkIds = new int[chunks.Count][];
        var chunkOffsets = new int[chunks.Count];
        for (var c = 0; c < chunks.Count; c++)
        {
            chunkOffsets[c] = ids.Count;
            chunkIds[c] = tokenizer.TokenizeToIds(text.Substring(chunks[c].Start, chunks[c].Length));
            ids.AddRange(chunkIds[c]);
        }

        if (granularity == AttributionGranularity.Sentence)
        {
            foreach (var (first, last) in TextSegmenter.Sentences(text, chunks))
            {
                var tokenEnd = chunkOffsets[last] + chunkIds[last].Length;
                AddUnit(units, source, text, chunks[first].Start, chunks[last].End, chunkOffsets[first], tokenEnd);
            }

            return;
        }

        for (var c = 0; c < chunks.Count; c++)
        {
            var word = TextSegmenter.TrimPunctuation(text, chunks[c]);
            if (word.Length == 0)
            {
                continue;
            }

            var (skip, count) = WordTokens(tokenizer, text, chunks[c], word, chunkIds[c]);
            if (count < 0)
            {
                // Trimming changed how the chunk tokenizes (a mark that joins a neighbour): the whole chunk is the unit.
                word = chunks[c];
                (skip, count) = (0, chunkIds[c].Length);
            }

            AddUnit(units, source, text, word.Start, word.End, chunkOffsets[c] + skip, chunkOffsets[c] + skip + count);
        }
    }

    /// <summary>The word's tokens within its chunk's ids, or count -1 when the chunk does not split there.</summary>
    private static (int Skip, int Count) WordTokens(BertWordPieceTokenizer tokenizer, string text, TextSpan chunk, TextSpan word, int[] chunkIds)
    {
        if (word == chunk)
        {
            return (0, chunkIds.Length);
        }

        var before = tokenizer.TokenizeToIds(text[chunk.Start..word.Start]);
        var middle = tokenizer.TokenizeToIds(text[word.Start..word.End]);
        var after = tokenizer.TokenizeToIds(text[word.End..chunk.End]);
        int[] joined = [.. before, .. middle, .. after];
        return joined.AsSpan().SequenceEqual(chunkIds) ? (before.Length, middle.Length) : (0, -1);
    }

    private static void AddUnit(List<AttributionUnit> units, string source, string text, int start, int end, int tokenStart, int tokenEnd)
    {
        if (tokenEnd > tokenStart)
        {
            units.Add(new AttributionUnit(source, null, start, end, text[start..end], tokenStart, tokenEnd));
        }
    }

    private static int CountWords(string? text) => string.IsNullOrWhiteSpace(text)
        ? 0
        : TextSegmenter.Chunks(text).Count(chunk => TextSegmenter.TrimPunctuation(text, chunk).Length > 0);

    internal static string? ValueOf(ArticleMetadata metadata, string name) => name switch
    {
        "speaker" => metadata.Speaker,
        "job" => metadata.Job,
        "party" => metadata.Party,
        "state" => metadata.State,
        "subject" => metadata.Subject,
        "context" => metadata.Context,
        _ => null,
    };
}
