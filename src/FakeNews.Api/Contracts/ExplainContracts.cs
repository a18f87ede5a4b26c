using System.ComponentModel;

namespace FakeNews.Api.Contracts;

/// <summary>How much one unit of the input moved the verdict.</summary>
/// <param name="Source"><c>text</c>, <c>title</c> or <c>metadata</c>.</param>
/// <param name="Field">The metadata field for a metadata unit; absent otherwise.</param>
/// <param name="Start">Offset of the unit's first character in its source string, in UTF-16 code units.</param>
/// <param name="End">Offset just past the unit: <c>source.slice(start, end) === text</c>.</param>
/// <param name="Text">The unit exactly as in the input.</param>
/// <param name="Weight">p_fake minus p_fake with the unit removed: positive pushes toward fake.</param>
public sealed record AttributionResponse(
    [property: Description("text, title or metadata.")] string Source,
    [property: Description("The metadata field (speaker, job, party, state, subject, context) for a metadata unit; absent otherwise.")] string? Field,
    [property: Description("Offset of the unit's first character in its source string (the text, the title or the field value), in UTF-16 code units.")] int Start,
    [property: Description("Offset just past the unit's last character: source.slice(start, end) equals text.")] int End,
    [property: Description("The unit exactly as in the input.")] string Text,
    [property: Description("p_fake minus p_fake with the unit removed: positive pushes toward fake, negative toward real.")] float Weight);

/// <summary>Shared descriptions of the explanation fields.</summary>
internal static class ExplainContracts
{
    public const string ExplainDescription =
        "When true, the response adds granularity and attributions: the effect of deleting each word (each sentence for "
        + "texts longer than one window, each metadata field whole) on p_fake. Costs one extra sequence per word, or one "
        + "or two windows per sentence, all counted against the same queue.";
}
