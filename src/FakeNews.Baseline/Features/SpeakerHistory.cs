using System.Text.Json;
using FakeNews.Core.Data;

namespace FakeNews.Baseline.Features;

/// <summary>
/// Speaker credit history recomputed from training labels only: per speaker, how many training claims carry each
/// six-way label. Immutable and thread-safe. The dataset's own count columns include the row's label and leak it;
/// this table never sees the row it describes (see <see cref="OutOfFold"/>).
/// </summary>
public sealed class SpeakerHistory
{
    /// <summary>Floats per row: six label shares, then log(1 + claims).</summary>
    public const int FeatureCount = 7;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
    private readonly Dictionary<string, float[]> _counts;

    private SpeakerHistory(Dictionary<string, float[]> counts) => _counts = counts;

    /// <summary>Speakers with at least one claim in the table.</summary>
    public int Speakers => _counts.Count;

    /// <summary>Counts labels per speaker over <paramref name="rows"/>.</summary>
    public static SpeakerHistory FromRows(IEnumerable<LiarRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var counts = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = Normalize(row.Speaker);
            if (key.Length == 0)
            {
                continue;
            }

            if (!counts.TryGetValue(key, out var slot))
            {
                counts[key] = slot = new float[LiarTsv.SixWayLabels.Count];
            }

            slot[row.SixWayLabel]++;
        }

        return new SpeakerHistory(counts);
    }

    /// <summary>The six-way label counts of <paramref name="speaker"/> (all zero for an unknown or blank speaker).</summary>
    public IReadOnlyList<float> Counts(string? speaker) =>
        _counts.TryGetValue(Normalize(speaker), out var slot) ? slot : new float[LiarTsv.SixWayLabels.Count];

    /// <summary>The <see cref="FeatureCount"/> history features of <paramref name="speaker"/>.</summary>
    public float[] Features(string? speaker) => FeaturesFromCounts(Counts(speaker));

    /// <summary>Six label shares (0 when there are no claims) and log(1 + claims).</summary>
    public static float[] FeaturesFromCounts(IReadOnlyList<float> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var features = new float[FeatureCount];
        var total = counts.Sum();
        for (var i = 0; i < counts.Count && i < FeatureCount - 1; i++)
        {
            features[i] = total > 0 ? counts[i] / total : 0f;
        }

        features[FeatureCount - 1] = MathF.Log(1f + total);
        return features;
    }

    /// <summary>
    /// History features for training rows without leakage: rows are dealt into <paramref name="folds"/> folds by a
    /// seeded shuffle, and each row gets the counts of the OTHER folds only. Leave-one-out is not enough: a row's
    /// "speaker totals minus my own label" still reveals the label to a model that has memorised the totals.
    /// </summary>
    public static float[][] OutOfFold(IReadOnlyList<LiarRow> rows, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = FoldAssignment(rows.Count, folds, seed);
        var tables = Enumerable.Range(0, folds)
            .Select(k => FromRows(rows.Where((_, i) => fold[i] != k)))
            .ToArray();
        return rows.Select((row, i) => tables[fold[i]].Features(row.Speaker)).ToArray();
    }

    /// <summary>The fold of each of <paramref name="count"/> rows: a seeded shuffle dealt round-robin.</summary>
    public static int[] FoldAssignment(int count, int folds, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
#pragma warning disable CA5394 // Not security: a reproducible fold split.
        new Random(seed).Shuffle(order);
#pragma warning restore CA5394
        var fold = new int[count];
        for (var position = 0; position < count; position++)
        {
            fold[order[position]] = position % folds;
        }

        return fold;
    }

    /// <summary>The key a speaker is counted under: trimmed, lower-case.</summary>
    public static string Normalize(string? speaker) => (speaker ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Writes the table as JSON (speaker → six counts).</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(_counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(), JsonOptions));

    /// <summary>Reads a table written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a table; the message names it.</exception>
    public static SpeakerHistory Load(string path)
    {
        Dictionary<string, float[]>? counts;
        try
        {
            counts = JsonSerializer.Deserialize<Dictionary<string, float[]>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Speaker history '{path}' is not valid JSON: {e.Message}", e);
        }

        if (counts is null || counts.Values.Any(v => v is null || v.Length != LiarTsv.SixWayLabels.Count))
        {
            throw new InvalidDataException($"Speaker history '{path}' must map each speaker to {LiarTsv.SixWayLabels.Count} counts.");
        }

        return new SpeakerHistory(new Dictionary<string, float[]>(counts, StringComparer.Ordinal));
    }
}
