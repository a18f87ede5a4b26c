using System.Globalization;
using System.Text.Json;
using FakeNews.Core.Explanations;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Reports;

namespace FakeNews.Evaluation.Explanations;

/// <summary>One word's attributions summed over a class's examples.</summary>
/// <param name="Word">The word, lower-cased (invariant culture).</param>
/// <param name="Count">Occurrences with an attribution.</param>
/// <param name="MeanWeight">Mean weight: above 0 the word pushes toward fake on average.</param>
/// <param name="TotalWeight">Sum of the weights.</param>
public sealed record WordInfluence(string Word, int Count, double MeanWeight, double TotalWeight);

/// <summary>The most influential words of the examples labelled one class.</summary>
/// <param name="Label"><c>fake</c> or <c>real</c> (the true label).</param>
/// <param name="Examples">Examples of that label with word attributions.</param>
/// <param name="TowardFake">Words with the highest mean weight, highest first.</param>
/// <param name="TowardReal">Words with the lowest mean weight, lowest first.</param>
public sealed record ClassInfluence(string Label, int Examples, IReadOnlyList<WordInfluence> TowardFake, IReadOnlyList<WordInfluence> TowardReal);

/// <summary>
/// Aggregates word attributions over a data set: for each true label, the words that pushed p(fake) up or down the
/// most on average. Only word units of the text and title count (sentence units of long texts and metadata fields are
/// left out); words seen fewer than <see cref="MinCount"/> times are left out as noise. Pure.
/// </summary>
public static class InfluentialWords
{
    /// <summary>The file name inside an eval folder.</summary>
    public const string FileName = "influential_words.json";

    /// <summary>Fewest occurrences a word needs to be ranked.</summary>
    public const int MinCount = 5;

    /// <summary>Words listed per class and direction.</summary>
    public const int Top = 30;

    /// <summary>Ranks the words of <paramref name="explanations"/> (by example id) for each label of <paramref name="examples"/>.</summary>
    public static IReadOnlyList<ClassInfluence> Aggregate(IReadOnlyList<EvalExample> examples, IReadOnlyDictionary<string, Explanation> explanations)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(explanations);
        var classes = new List<ClassInfluence>();
        foreach (var label in new[] { Labels.Fake, Labels.Real })
        {
            var words = new Dictionary<string, (int Count, double Total)>(StringComparer.Ordinal);
            var count = 0;
            foreach (var example in examples.Where(e => e.Label == label))
            {
                if (!explanations.TryGetValue(example.Id, out var explanation) || explanation.Granularity != AttributionGranularity.Word)
                {
                    continue;
                }

                count++;
                foreach (var unit in explanation.Attributions.Where(a => a.Source != AttributionSources.Metadata))
                {
                    var word = unit.Text.ToLower(CultureInfo.InvariantCulture);
                    var (n, total) = words.GetValueOrDefault(word);
                    words[word] = (n + 1, total + unit.Weight);
                }
            }

            var ranked = words.Where(w => w.Value.Count >= MinCount)
                .Select(w => new WordInfluence(w.Key, w.Value.Count, w.Value.Total / w.Value.Count, w.Value.Total))
                .ToList();
            classes.Add(new ClassInfluence(
                label,
                count,
                ranked.OrderByDescending(w => w.MeanWeight).ThenBy(w => w.Word, StringComparer.Ordinal).Take(Top).ToList(),
                ranked.OrderBy(w => w.MeanWeight).ThenBy(w => w.Word, StringComparer.Ordinal).Take(Top).ToList()));
        }

        return classes;
    }

    /// <summary>The JSON file: <c>{min_count, classes: {fake|real: {examples, toward_fake: [...], toward_real: [...]}}}</c>.</summary>
    public static byte[] ToJson(IReadOnlyList<ClassInfluence> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return JsonSerializer.SerializeToUtf8Bytes(InfluenceJson.From(classes), JsonOutput.Indented.InfluenceJson);
    }
}
