using FakeNews.Core.Classification;

namespace FakeNews.Core.Explanations;

/// <summary>The unit an explanation attributes to.</summary>
public enum AttributionGranularity
{
    /// <summary>Whitespace-separated words (texts that fit in one window and have at most <see cref="ExplanationPlanner.MaxWordUnits"/> words).</summary>
    Word,

    /// <summary>Sentences (longer texts).</summary>
    Sentence,
}

/// <summary>A verdict and the attributions that explain it.</summary>
/// <param name="Result">The verdict, exactly as plain classification returns it.</param>
/// <param name="Granularity">Whether the text and title units are words or sentences; metadata units are whole fields.</param>
/// <param name="Attributions">One entry per unit, in input order (metadata, title, text).</param>
public sealed record Explanation(
    ClassificationResult Result,
    AttributionGranularity Granularity,
    IReadOnlyList<Attribution> Attributions)
{
    /// <summary>The lowercase name of <paramref name="granularity"/> as hosts print it (<c>word</c>, <c>sentence</c>).</summary>
    public static string GranularityName(AttributionGranularity granularity) =>
        granularity == AttributionGranularity.Word ? "word" : "sentence";

    /// <summary>The <paramref name="count"/> units with the largest absolute weight, strongest first.</summary>
    public IReadOnlyList<Attribution> Strongest(int count) =>
        Attributions.OrderByDescending(a => Math.Abs(a.Weight)).ThenBy(a => a.Start).Take(Math.Max(0, count)).ToList();
}

/// <summary>A classifier that can also say which parts of the input drove its verdict.</summary>
public interface ITextExplainer
{
    /// <summary>
    /// Classifies <paramref name="request"/> and attributes the verdict to units of its input. Fails exactly as
    /// classification does for the same request (empty text, too long, overloaded, …).
    /// </summary>
    /// <exception cref="ClassificationException">As for <see cref="ITextClassifier.ClassifyAsync"/>.</exception>
    Task<Explanation> ExplainAsync(ClassificationRequest request, CancellationToken cancellationToken = default);
}
