namespace FakeNews.Inference;

/// <summary>Temperature-scaled softmax: calibrated p = softmax(logits / temperature).</summary>
public static class Calibration
{
    /// <summary>Returns softmax(<paramref name="logits"/> / <paramref name="temperature"/>), computed stably in double.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive.</exception>
    public static float[] Softmax(ReadOnlySpan<float> logits, float temperature)
    {
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be greater than 0.");
        }

        var max = double.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit / (double)temperature);
        }

        var exps = new double[logits.Length];
        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            exps[i] = Math.Exp((logits[i] / (double)temperature) - max);
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
