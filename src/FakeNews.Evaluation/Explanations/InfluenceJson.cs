namespace FakeNews.Evaluation.Explanations;

/// <summary><c>influential_words.json</c>; see <see cref="InfluentialWords.ToJson"/>.</summary>
internal sealed record InfluenceJson(string Method, int MinCount, IReadOnlyDictionary<string, ClassInfluenceJson> Classes)
{
    private const string Occlusion = "occlusion: weight = p_fake minus p_fake with the word removed; mean over the word's occurrences";

    public static InfluenceJson From(IEnumerable<ClassInfluence> classes) => new(
        Occlusion,
        InfluentialWords.MinCount,
        classes.ToDictionary(c => c.Label, c => new ClassInfluenceJson(c.Examples, Words(c.TowardFake), Words(c.TowardReal)), StringComparer.Ordinal));

    private static IReadOnlyList<WordJson> Words(IEnumerable<WordInfluence> words) =>
        [.. words.Select(w => new WordJson(w.Word, w.Count, Math.Round(w.MeanWeight, 6), Math.Round(w.TotalWeight, 6)))];
}

/// <summary>One true label's words in both directions.</summary>
internal sealed record ClassInfluenceJson(int Examples, IReadOnlyList<WordJson> TowardFake, IReadOnlyList<WordJson> TowardReal);

/// <summary>One word, weights rounded to 6 decimals.</summary>
internal sealed record WordJson(string Word, int Count, double MeanWeight, double TotalWeight);
