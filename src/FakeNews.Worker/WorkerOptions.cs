using FakeNews.Inference;

namespace FakeNews.Worker;

/// <summary>
/// The worker's own settings (configuration section <c>Worker</c>). The model and batching settings are the
/// <see cref="ClassifierOptions"/> of the <c>Classifier</c> section, as in the API; their older keys under
/// <c>Worker</c> (<c>Worker:ModelDirectory</c>, <c>Worker:MaxBatchSize</c>, …) still apply and win. Validated at start.
/// </summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Worker";

    /// <summary>TCP port of the HTTP health probe on 127.0.0.1 (<c>GET /healthz</c>); 0 picks a free port (logged), -1 turns it off.</summary>
    public int HealthPort { get; set; } = 8089;

    /// <summary>
    /// The batch size the default prefetch is sized by: <see cref="ClassifierOptions.MaxBatchSize"/>, or the CPU
    /// default when it is left to the device.
    /// </summary>
    public static int BatchSize(ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxBatchSize ?? ClassifierOptions.CpuMaxBatchSize;
    }

    /// <summary>The problems with these settings, each naming the setting (<c>Worker:HealthPort</c>), or none.</summary>
    public IEnumerable<OptionProblem> Problems()
    {
        if (HealthPort is < -1 or > 65535)
        {
            yield return new(nameof(HealthPort), $"is {HealthPort}; it must be -1 (off), 0 (any free port) or a port from 1 to 65535.");
        }
    }

    /// <summary>An argument exception's message without the framework's "(Parameter ...)" and "Actual value" tails.</summary>
    internal static string Describe(ArgumentException exception)
    {
        var message = exception.Message;
        var tail = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return tail < 0 ? message : message[..tail];
    }
}
