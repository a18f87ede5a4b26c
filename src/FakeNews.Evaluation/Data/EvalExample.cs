using FakeNews.Core.Classification;

namespace FakeNews.Evaluation.Data;

/// <summary>One labelled example of an evaluation set.</summary>
/// <param name="Line">The 1-based line (CSV: the line its record starts on) in the data file.</param>
/// <param name="Id">The example's id, unique within the file.</param>
/// <param name="IsFake">The true label: true for fake (the positive class), false for real.</param>
/// <param name="Text">The claim or article body (never blank).</param>
/// <param name="Title">The optional headline.</param>
/// <param name="Metadata">Speaker metadata, given to the model only when the run asks for it.</param>
/// <param name="Keys">Slice keys and their raw values (e.g. <c>party</c>, <c>six_way_label</c>, <c>source_dataset</c>).</param>
public sealed record EvalExample(
    int Line,
    string Id,
    bool IsFake,
    string Text,
    string? Title,
    ArticleMetadata? Metadata,
    IReadOnlyDictionary<string, string> Keys)
{
    /// <summary><c>fake</c> or <c>real</c>.</summary>
    public string Label => Labels.Name(IsFake);

    /// <summary>The request the model sees, with or without the metadata prefix.</summary>
    public ClassificationRequest ToRequest(bool useMetadata) => new(Text, Title, useMetadata ? Metadata : null);
}

/// <summary>The binary label names.</summary>
public static class Labels
{
    /// <summary>The positive class.</summary>
    public const string Fake = "fake";

    /// <summary>The negative class.</summary>
    public const string Real = "real";

    /// <summary><c>fake</c> for true, <c>real</c> for false.</summary>
    public static string Name(bool isFake) => isFake ? Fake : Real;
}
