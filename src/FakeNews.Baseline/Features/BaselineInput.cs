using FakeNews.Core.Classification;
using Microsoft.ML.Data;

namespace FakeNews.Baseline.Features;

/// <summary>
/// One row as the ML.NET pipeline reads it. Built only by <see cref="Create"/>, which training and serving share,
/// so the served path sees exactly what the trainer saw.
/// </summary>
public sealed class BaselineInput
{
    /// <summary>The body: <c>TITLE + "\n\n" + TEXT</c> when a title is given, else the text (no metadata prefix).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Speaker, normalized by <see cref="SpeakerHistory.Normalize"/>.</summary>
    public string Speaker { get; set; } = string.Empty;

    /// <summary>Job, trimmed and lower-case.</summary>
    public string Job { get; set; } = string.Empty;

    /// <summary>Party, trimmed and lower-case.</summary>
    public string Party { get; set; } = string.Empty;

    /// <summary>State, trimmed and lower-case.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Subjects as space-separated words (LIAR separates them by commas).</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>Context, trimmed and lower-case.</summary>
    public string Context { get; set; } = string.Empty;

    /// <summary>Speaker history features (<see cref="SpeakerHistory.FeatureCount"/> floats).</summary>
    [VectorType(SpeakerHistory.FeatureCount)]
#pragma warning disable CA1819 // ML.NET reads vector columns from array properties.
    public float[] History { get; set; } = new float[SpeakerHistory.FeatureCount];
#pragma warning restore CA1819

    /// <summary>True for fake. Ignored when serving.</summary>
    public bool Label { get; set; }

    /// <summary>The row for a request, with its history features.</summary>
    public static BaselineInput Create(ClassificationRequest request, float[] history, bool label = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Length != SpeakerHistory.FeatureCount)
        {
            throw new ArgumentException($"History must hold {SpeakerHistory.FeatureCount} features; it has {history.Length}.", nameof(history));
        }

        var metadata = request.Metadata;
        return new BaselineInput
        {
            Text = string.IsNullOrWhiteSpace(request.Title) ? request.Text : request.Title.Trim() + "\n\n" + request.Text,
            Speaker = SpeakerHistory.Normalize(metadata?.Speaker),
            Job = Clean(metadata?.Job),
            Party = Clean(metadata?.Party),
            State = Clean(metadata?.State),
            Subject = Clean(metadata?.Subject).Replace(',', ' '),
            Context = Clean(metadata?.Context),
            History = history,
            Label = label,
        };
    }

    private static string Clean(string? value) => (value ?? string.Empty).Trim().ToLowerInvariant();
}

/// <summary>What the ML.NET pipeline produces per row.</summary>
public sealed class BaselineOutput
{
    /// <summary>Calibrated probability of fake.</summary>
    public float Probability { get; set; }

    /// <summary>The trainer's raw score.</summary>
    public float Score { get; set; }
}
