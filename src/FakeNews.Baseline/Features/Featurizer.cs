using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace FakeNews.Baseline.Features;

/// <summary>
/// The feature pipeline: word 1-2-grams and character 3-grams of the text with TF-IDF weights (L2-normalized),
/// one-hot speaker, job, party, state and context, a bag of subjects, and the speaker history, concatenated into
/// <c>Features</c>.
/// </summary>
public static class Featurizer
{
    /// <summary>The name of the concatenated feature column.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>The categorical columns encoded one-hot (unseen values encode to all zeros).</summary>
    public static IReadOnlyList<string> OneHotColumns { get; } = [nameof(BaselineInput.Speaker), nameof(BaselineInput.Job), nameof(BaselineInput.Party), nameof(BaselineInput.State), nameof(BaselineInput.Context)];

    /// <summary>Builds the (untrained) featurization estimator.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="maxWordNgrams">Most word n-grams kept (by frequency).</param>
    /// <param name="maxCharNgrams">Most character n-grams kept (by frequency).</param>
    public static IEstimator<ITransformer> Build(MLContext ml, int maxWordNgrams = 20_000, int maxCharNgrams = 20_000)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = 2,
                UseAllLengths = true,
                MaximumNgramsCount = [maxWordNgrams],
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            CharFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = 3,
                UseAllLengths = false,
                MaximumNgramsCount = [maxCharNgrams],
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
        };

        var oneHot = OneHotColumns.Select(c => new InputOutputColumnPair(c + "OneHot", c)).ToArray();
        var featureColumns = new[] { "TextFeatures", "SubjectBag", nameof(BaselineInput.History) }
            .Concat(oneHot.Select(p => p.OutputColumnName))
            .ToArray();

        return ml.Transforms.Text.FeaturizeText("TextFeatures", text, nameof(BaselineInput.Text))
            .Append(ml.Transforms.Text.ProduceWordBags("SubjectBag", nameof(BaselineInput.Subject), ngramLength: 1, useAllLengths: true))
            .Append(ml.Transforms.Categorical.OneHotEncoding(oneHot, OneHotEncodingEstimator.OutputKind.Indicator))
            .Append(ml.Transforms.Concatenate(FeaturesColumn, featureColumns));
    }
}
