using FakeNews.Core.Models;
using FakeNews.Inference;

namespace FakeNews.Worker;

/// <summary>Model and batching settings of the worker (configuration section <c>Worker</c>). Validated at start.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Worker";

    /// <summary>The model folder; empty means <c>$FAKENEWS_MODEL</c>, else <c>models/minilm-news-v2</c> found upwards.</summary>
    public string ModelDirectory { get; set; } = "";

    /// <summary>Where to run the model: Auto, Cpu or Cuda.</summary>
    public ExecutionDevice Device { get; set; } = ExecutionDevice.Auto;

    /// <summary>Tokens per window including [CLS] and [SEP]; null uses the model's <c>max_length</c>.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Most windows per ONNX batch. The default prefetch is four times this.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>Most padded tokens per ONNX batch.</summary>
    public int MaxBatchTokens { get; set; } = 8192;

    /// <summary>Most padding tokens a window may add to a batch; null picks by device (see <see cref="ClassifierOptions.MaxAddedPadding"/>).</summary>
    public int? MaxAddedPadding { get; set; }

    /// <summary>Longest wait for a batch to fill.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most windows per text; longer texts are dead-lettered as <c>too_long</c>.</summary>
    public int MaxWindows { get; set; } = 64;

    /// <summary>Most windows waiting for a batch. Sized so a full prefetch of long texts rarely overloads it.</summary>
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>TCP port of the HTTP health probe on 127.0.0.1 (<c>GET /healthz</c>); 0 picks a free port (logged), -1 turns it off.</summary>
    public int HealthPort { get; set; } = 8089;

    /// <summary>The classifier options these settings give, with the model folder resolved.</summary>
    /// <exception cref="InvalidDataException">No model folder is configured and none is found by default.</exception>
    public ClassifierOptions ToClassifierOptions() =>
        ClassifierOptionsFor(string.IsNullOrWhiteSpace(ModelDirectory) ? ModelFolder.ResolveDefault() : ModelDirectory);

    /// <summary>The classifier options these settings give, for the model folder <paramref name="modelDirectory"/>.</summary>
    private ClassifierOptions ClassifierOptionsFor(string modelDirectory) => new()
    {
        ModelDirectory = modelDirectory,
        Device = Device,
        MaxLength = MaxLength,
        MaxBatchSize = MaxBatchSize,
        MaxBatchTokens = MaxBatchTokens,
        MaxAddedPadding = MaxAddedPadding,
        MaxBatchDelay = MaxBatchDelay,
        MaxWindows = MaxWindows,
        QueueCapacity = QueueCapacity,
        IntraOpThreads = IntraOpThreads,
    };

    /// <summary>The problems with these settings, each naming the setting (<c>Worker:HealthPort</c>), or none.</summary>
    public IEnumerable<string> Problems()
    {
        if (HealthPort is < -1 or > 65535)
        {
            yield return $"{SectionName}:HealthPort is {HealthPort}; it must be -1 (off), 0 (any free port) or a port from 1 to 65535.";
        }

        string? problem = null;
        try
        {
            // Model-independent checks only: the model folder itself is loaded (and reported) by the classifier service.
            ClassifierOptionsFor("unchecked").Validate();
        }
        catch (ArgumentException e)
        {
            problem = Describe(e).Replace("ClassifierOptions.", SectionName + ":", StringComparison.Ordinal);
        }

        if (problem is not null)
        {
            yield return problem;
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
