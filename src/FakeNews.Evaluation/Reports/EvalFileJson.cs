using System.Text.Json.Serialization;
using FakeNews.Evaluation.Data;
using FakeNews.Evaluation.Metrics;
using FakeNews.Evaluation.Scoring;
using FakeNews.Evaluation.Slices;

namespace FakeNews.Evaluation.Reports;

/// <summary><c>metrics.json</c>; see <see cref="MetricsFile"/>.</summary>
internal sealed record MetricsJson(
    int N,
    double Accuracy,
    double? RocAuc,
    double? PrAuc,
    double F1Fake,
    double PrecisionFake,
    double RecallFake,
    double F1Real,
    double MacroF1,
    double LogLoss,
    double Brier,
    double Ece,
    ConfusionCounts Confusion,
    Ci95Json Ci95,
    ModelRunJson Model,
    DataInfo Data)
{
    public static MetricsJson From(EvaluationResult result)
    {
        var m = result.Metrics;
        var model = result.Model;
        return new(
            m.N, m.Accuracy, JsonOutput.Finite(m.RocAuc), JsonOutput.Finite(m.PrAuc), m.F1Fake, m.PrecisionFake, m.RecallFake, m.F1Real,
            m.MacroF1, m.LogLoss, m.Brier, m.Ece, m.Confusion,
            new Ci95Json(JsonOutput.Pair(result.AccuracyCi), JsonOutput.Pair(result.RocAucCi)),
            new ModelRunJson(model.Id, model.Directory, model.ExecutionProvider, model.Precision, model.Threshold, model.MetadataInput),
            result.Data);
    }
}

/// <summary>The 95 % intervals, <c>[lower, upper]</c> or null.</summary>
internal sealed record Ci95Json(IReadOnlyList<double>? Accuracy, IReadOnlyList<double>? RocAuc);

/// <summary>The <c>model</c> section, in file order.</summary>
internal sealed record ModelRunJson(string Id, string Directory, string ExecutionProvider, string Precision, double Threshold, bool MetadataInput);

/// <summary>One row of <c>slices.json</c>.</summary>
internal sealed record SliceJson(string Key, string Value, int N, int Fake, double Accuracy, double? RocAuc, double PValue, bool SignificantlyWorse)
{
    public static SliceJson From(SliceResult s) => new(s.Key, s.Value, s.N, s.Fake, s.Accuracy, JsonOutput.Finite(s.RocAuc), s.PValue, s.SignificantlyWorse);
}

/// <summary><c>errors.json</c>: the three error lists, ids only.</summary>
internal sealed record ErrorsJson(IReadOnlyList<ErrorJson> ConfidentFalsePositives, IReadOnlyList<ErrorJson> ConfidentFalseNegatives, IReadOnlyList<ErrorJson> LeastConfident)
{
    public static ErrorsJson From(ErrorLists errors) => new(List(errors.ConfidentFalsePositives), List(errors.ConfidentFalseNegatives), List(errors.LeastConfident));

    private static IReadOnlyList<ErrorJson> List(IEnumerable<Prediction> predictions) => [.. predictions.Select(p => new ErrorJson(p.Example.Id, p.Example.Label, p.PFake))];
}

/// <summary>One listed error.</summary>
internal sealed record ErrorJson(string Id, string Label, double PFake);

/// <summary>One line of <c>predictions.jsonl</c>; see <see cref="PredictionsFile"/>.</summary>
internal sealed record PredictionLineJson(
    string Id,
    string Label,
    string Prediction,
    float PFake,
    bool Correct,
    int Tokens,
    IReadOnlyDictionary<string, string> Slices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Metadata)
{
    public static PredictionLineJson From(Prediction prediction)
    {
        var example = prediction.Example;
        var slices = new Dictionary<string, string>(example.Keys, StringComparer.Ordinal)
        {
            [SliceKeyNames.Length] = SliceKeys.LengthBucket(example),
        };
        return new(
            example.Id, example.Label, prediction.PredictedLabel, (float)prediction.PFake, prediction.Correct, prediction.Tokens, slices,
            example.Title, example.Text, JsonOutput.Metadata(example.Metadata));
    }
}
