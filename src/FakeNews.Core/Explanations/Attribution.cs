namespace FakeNews.Core.Explanations;

/// <summary>
/// How much one unit of the input (a word, a sentence or a metadata field) moved the verdict.
/// </summary>
/// <param name="Source">Where the unit is: <c>text</c>, <c>title</c> or <c>metadata</c> (<see cref="AttributionSources"/>).</param>
/// <param name="Field">The metadata field (<c>speaker</c>, <c>party</c>, …) when <paramref name="Source"/> is <c>metadata</c>; otherwise null.</param>
/// <param name="Start">Offset of the unit's first character in the source string as given (the request's text, title or field value), in UTF-16 code units as .NET and JavaScript count them.</param>
/// <param name="End">Offset just past the unit's last character: <c>source[Start..End] == Text</c>.</param>
/// <param name="Text">The unit's characters, exactly as in the input.</param>
/// <param name="Weight">
/// p(fake) of the whole input minus p(fake) with the unit removed: positive when the unit pushes toward fake,
/// negative when it pushes toward real.
/// </param>
public sealed record Attribution(string Source, string? Field, int Start, int End, string Text, float Weight);

/// <summary>The values of <see cref="Attribution.Source"/>.</summary>
public static class AttributionSources
{
    /// <summary>The claim or article body.</summary>
    public const string Text = "text";

    /// <summary>The headline.</summary>
    public const string Title = "title";

    /// <summary>A speaker metadata field; <see cref="Attribution.Field"/> names it.</summary>
    public const string Metadata = "metadata";
}
