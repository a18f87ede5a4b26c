using FakeNews.Core.Data;
using FakeNews.Evaluation.Reports;
using FakeNews.Evaluation.Scoring;

namespace FakeNews.Evaluation.Comparison;

/// <summary>An eval output folder read back: its run facts and predictions.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Model">The model run (from metrics.json).</param>
/// <param name="Data">The data file (from metrics.json).</param>
/// <param name="Predictions">The predictions in file order.</param>
public sealed record EvalFolder(string Directory, ModelRunInfo Model, DataInfo Data, IReadOnlyList<Prediction> Predictions)
{
    /// <summary>True when <paramref name="directory"/> holds metrics.json and predictions.jsonl.</summary>
    public static bool IsEvalFolder(string directory) =>
        File.Exists(Path.Combine(directory, MetricsFile.FileName)) && File.Exists(Path.Combine(directory, PredictionsFile.FileName));

    /// <summary>Reads the folder.</summary>
    /// <exception cref="EvaluationException">It is not an eval folder or its files are damaged.</exception>
    public static EvalFolder Load(string directory)
    {
        if (!IsEvalFolder(directory))
        {
            throw new EvaluationException($"'{directory}' is not an eval output folder (it needs {MetricsFile.FileName} and {PredictionsFile.FileName})");
        }

        var (model, data) = MetricsFile.ReadRunInfo(Path.Combine(directory, MetricsFile.FileName));
        try
        {
            return new EvalFolder(directory, model, data, PredictionsFile.Read(Path.Combine(directory, PredictionsFile.FileName)));
        }
        catch (DataFormatException e)
        {
            throw new EvaluationException(e.Message, e);
        }
    }
}
