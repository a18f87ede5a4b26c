namespace FakeNews.Inference;

/// <summary>Temperature-scaled softmax: calibrated p = softmax(logits / temperature).</summary>
public static class Calibration
{
    /// <summary>Returns softmax(<paramref name="logits"/> / <paramref name="temperature"/>), computed stably in double.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive.</exception>
    public static float[] Softmax(ReadOnlySpan<float> logits, float temperature) => Softmax(logits, temperature, 0f, -1);

    /// <summary>
    /// Returns softmax(<paramref name="logits"/> / <paramref name="temperature"/> + <paramref name="bias"/> on label
    /// <paramref name="biasIndex"/>). For two labels this is p = sigmoid(margin / T + bias), the per-kind calibration
    /// of <see cref="FakeNews.Core.Models.KindCalibration"/>. A negative index adds no bias.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive.</exception>
    public static float[] Softmax(ReadOnlySpan<float> logits, float temperature, float bias, int biasIndex)
    {
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be greater than 0.");
        }

        var scaled = new double[logits.Length];
        var max = double.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++)
        {
            scaled[i] = (logits[i] / (double)temperature) + (i == biasIndex ? bias : 0);
            max = Math.Max(max, scaled[i]);
        }

        var exps = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            exps[i] = Math.Exp(scaled[i] - max);
            sum += exps[i];
        }

        var result = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = (float)(exps[i] / sum);
        }

        return result;
    }
}
