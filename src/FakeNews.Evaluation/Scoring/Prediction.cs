using FakeNews.Evaluation.Data;

namespace FakeNews.Evaluation.Scoring;

/// <summary>The model's verdict on one example.</summary>
/// <param name="Example">The labelled example.</param>
/// <param name="PredictedFake">True when the pipeline's label is fake.</param>
/// <param name="PFake">Calibrated probability of fake.</param>
/// <param name="Tokens">WordPiece tokens of the model input (0 when read back from a file without them).</param>
public sealed record Prediction(EvalExample Example, bool PredictedFake, double PFake, int Tokens)
{
    /// <summary>True when the verdict matches the label.</summary>
    public bool Correct => PredictedFake == Example.IsFake;

    /// <summary><c>fake</c> or <c>real</c>.</summary>
    public string PredictedLabel => Labels.Name(PredictedFake);
}
