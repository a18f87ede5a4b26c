using FakeNews.Core.Classification;

namespace FakeNews.Core.Data;

/// <summary>One LIAR row: the claim, its metadata, its six-way label and the raw count columns.</summary>
/// <param name="Line">The 1-based line in the file.</param>
/// <param name="Id">The row's id (column 1), never empty.</param>
/// <param name="SixWayLabel">Index into <see cref="LiarTsv.SixWayLabels"/> (0 = pants-fire ... 5 = true).</param>
/// <param name="Statement">The claim (column 3), trimmed.</param>
/// <param name="Subject">Comma-separated subjects (column 4).</param>
/// <param name="Speaker">Speaker slug (column 5).</param>
/// <param name="Job">Speaker's job (column 6).</param>
/// <param name="State">Speaker's state (column 7).</param>
/// <param name="Party">Speaker's party (column 8).</param>
/// <param name="Context">Venue of the claim (column 14).</param>
/// <param name="LeakyCounts">
/// The dataset's credit-history columns as they come, in <see cref="LiarTsv.SixWayLabels"/> order with no <c>true</c>
/// column (index 5 is 0). They include the row's own label: never use them for a model that is served.
/// </param>
public sealed record LiarRow(
    int Line,
    string Id,
    int SixWayLabel,
    string Statement,
    string Subject,
    string Speaker,
    string Job,
    string State,
    string Party,
    string Context,
    IReadOnlyList<float> LeakyCounts)
{
    /// <summary>The binary label: pants-fire, false and barely-true are fake.</summary>
    public bool IsFake => SixWayLabel < 3;

    /// <summary>The six-way label's name.</summary>
    public string SixWayName => LiarTsv.SixWayLabels[SixWayLabel];

    /// <summary>The claim's metadata (blank fields left out), or null when every field is blank.</summary>
    public ArticleMetadata? Metadata
    {
        get
        {
            var metadata = new ArticleMetadata(Blank(Speaker), Blank(Job), Blank(Party), Blank(State), Blank(Subject), Blank(Context));
            return metadata.IsEmpty ? null : metadata;
        }
    }

    /// <summary>The request a host would receive for this claim with its metadata (blank fields left out).</summary>
    public ClassificationRequest ToRequest() => new(Statement, null, Metadata);

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
