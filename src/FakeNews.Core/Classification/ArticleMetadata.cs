namespace FakeNews.Core.Classification;

/// <summary>
/// Optional speaker metadata of a claim (the LIAR columns). Absent metadata is the bare-claim path.
/// </summary>
public sealed record ArticleMetadata(
    string? Speaker = null,
    string? Job = null,
    string? Party = null,
    string? State = null,
    string? Subject = null,
    string? Context = null)
{
    /// <summary>The field names, in the order they are rendered. Hosts accept exactly these keys.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["speaker", "job", "party", "state", "subject", "context"];

    /// <summary>True when no field has a non-blank value.</summary>
    public bool IsEmpty => Fields().All(f => string.IsNullOrWhiteSpace(f.Value));

    /// <summary>Builds metadata from a key/value map (case-insensitive keys; unknown keys are ignored).</summary>
    public static ArticleMetadata? FromDictionary(IReadOnlyDictionary<string, string?>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        string? Get(string key) =>
            values.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

        var metadata = new ArticleMetadata(Get("speaker"), Get("job"), Get("party"), Get("state"), Get("subject"), Get("context"));
        return metadata.IsEmpty ? null : metadata;
    }

    /// <summary>
    /// Renders the model input the way the training scripts do (scripts/fakenews_train/text.py):
    /// <c>"speaker: X | party: Y | claim: TEXT"</c> with blank fields left out, or TEXT unchanged when all are blank.
    /// </summary>
    public string Render(string text)
    {
        var parts = Fields()
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => $"{f.Name}: {f.Value!.Trim()}")
            .ToList();
        return parts.Count == 0 ? text : string.Join(" | ", parts) + " | claim: " + text;
    }

    private IEnumerable<(string Name, string? Value)> Fields()
    {
        yield return ("speaker", Speaker);
        yield return ("job", Job);
        yield return ("party", Party);
        yield return ("state", State);
        yield return ("subject", Subject);
        yield return ("context", Context);
    }
}
