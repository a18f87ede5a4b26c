using FakeNews.Core.Batching;
using FakeNews.Core.Models;

namespace FakeNews.Inference;

/// <summary>
/// Settings of a <see cref="FakeNewsClassifier"/>. Validated at start-up by <see cref="Validate()"/>. A record, so a host
/// derives variants with <c>with</c> and never drops a setting by copying fields one by one.
/// </summary>
public sealed record ClassifierOptions
{
    /// <summary>The model folder holding model.onnx, vocab.txt and config.json.</summary>
    public string ModelDirectory { get; init; } = "";

    /// <summary>Where to run the model.</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>Which graph to run: <see cref="ModelPrecision.Auto"/> takes model.int8.onnx on CPU when present, model.onnx otherwise.</summary>
    public ModelPrecision Precision { get; init; } = ModelPrecision.Auto;

    /// <summary>Maximum sequence length, special tokens included; null means the model's <c>max_length</c>. At most that.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// Most sequences (windows) in one batch; null picks by device: <see cref="CpuMaxBatchSize"/> on CPU and
    /// <see cref="CudaMaxBatchSize"/> on CUDA, where a batch of 128 short claims costs little more than one of 32.
    /// <see cref="MaxBatchTokens"/> still bounds batches of long windows.
    /// </summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>The CPU default of <see cref="MaxBatchSize"/>.</summary>
    public const int CpuMaxBatchSize = 32;

    /// <summary>
    /// The CUDA default of <see cref="MaxBatchSize"/>: on an H200, 64-token texts ran at 2.1-3.1x the items/s of batches
    /// of 32 (fp32 and fp16) with p99 under 12 ms (see the README's Performance section).
    /// </summary>
    public const int CudaMaxBatchSize = 128;

    /// <summary>Most padded tokens in one batch; at least the maximum length.</summary>
    public int MaxBatchTokens { get; init; } = 8192;

    /// <summary>
    /// Most padding tokens a sequence may add when it joins a batch; null picks by device: <see cref="CpuMaxAddedPadding"/>
    /// on CPU, where work grows with padded tokens, and no limit on CUDA, where a bigger batch costs little more.
    /// </summary>
    public int? MaxAddedPadding { get; init; }

    /// <summary>The CPU default of <see cref="MaxAddedPadding"/>, about one batch's fixed cost in tokens (see the README's Performance section).</summary>
    public const int CpuMaxAddedPadding = 8;

    /// <summary>Longest wait for a batch to fill after its oldest sequence arrived.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most sequences waiting for a batch before requests fail with <c>Overloaded</c>. At least <see cref="MaxWindows"/>.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>
    /// Tokens shared by consecutive windows of a long text. At most half the window (maximum length - 2) is used:
    /// a longer overlap would put most tokens in three or more windows, and would not fit short maximum lengths.
    /// </summary>
    public int WindowStride { get; init; } = 64;

    /// <summary>Most windows per text; longer texts fail with <c>TooLong</c>.</summary>
    public int MaxWindows { get; init; } = 64;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Refuse, as invalid input, texts the model cannot judge: a text that is only a link, and a text clearly in
    /// another language than English (<see cref="FakeNews.Core.Classification.InputScope"/>). On by default; turn it off
    /// (<c>Classifier:CheckInputScope=false</c>) to score every text regardless.
    /// </summary>
    public bool CheckInputScope { get; init; } = true;

    /// <summary>
    /// The settings that do not depend on the model and are invalid, each as (setting, problem); empty when all are
    /// valid. A host prefixes the setting with its configuration section or maps it to a flag.
    /// </summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            problems.Add(new(nameof(ModelDirectory), "is empty; set it to a model folder (e.g. models/minilm-news-v2)."));
        }

        if (!Enum.IsDefined(Device))
        {
            problems.Add(Range(nameof(Device), Device, "one of auto, cpu, cuda"));
        }

        if (!Enum.IsDefined(Precision))
        {
            problems.Add(Range(nameof(Precision), Precision, "one of auto, fp32, int8, fp16"));
        }

        if (MaxLength is < ModelConfig.MinMaxLength)
        {
            problems.Add(Range(nameof(MaxLength), MaxLength, $"at least {ModelConfig.MinMaxLength}"));
        }

        if (MaxBatchSize is { } maxBatchSize)
        {
            Check(problems, nameof(MaxBatchSize), maxBatchSize, 1, 4096);
        }

        Check(problems, nameof(MaxBatchTokens), MaxBatchTokens, 1, 1 << 22);
        if (MaxBatchDelay < TimeSpan.Zero || MaxBatchDelay > TimeSpan.FromSeconds(10))
        {
            problems.Add(Range(nameof(MaxBatchDelay), MaxBatchDelay, "between 0 and 10 seconds"));
        }

        if (MaxAddedPadding is < 0)
        {
            problems.Add(Range(nameof(MaxAddedPadding), MaxAddedPadding, "at least 0, or null for the device's default"));
        }

        Check(problems, nameof(MaxWindows), MaxWindows, 1, 100_000);
        Check(problems, nameof(QueueCapacity), QueueCapacity, MaxWindows, 10_000_000, $"between MaxWindows ({MaxWindows}) and 10000000");
        Check(problems, nameof(WindowStride), WindowStride, 0, int.MaxValue, "at least 0");
        Check(problems, nameof(IntraOpThreads), IntraOpThreads, 0, 1024);
        return problems;
    }

    /// <summary>The settings that do not fit the model's config, each as (setting, problem), after <see cref="Problems()"/>.</summary>
    public IReadOnlyList<OptionProblem> Problems(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<OptionProblem>(Problems());
        if (problems.Count > 0)
        {
            return problems;
        }

        if (MaxLength > config.MaxLength)
        {
            problems.Add(Range(nameof(MaxLength), MaxLength, $"at most the model's max_length {config.MaxLength}"));
            return problems;
        }

        var maxLength = EffectiveMaxLength(config);
        Check(problems, nameof(MaxBatchTokens), MaxBatchTokens, maxLength, int.MaxValue, $"at least the maximum length {maxLength}");
        return problems;
    }

    /// <summary>Checks the settings that do not depend on the model (<see cref="Problems()"/>).</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names the first and its accepted range.</exception>
    public void Validate() => ThrowFirst(Problems());

    /// <summary>Checks the settings against the model's config too (<see cref="Problems(ModelConfig)"/>).</summary>
    /// <exception cref="ArgumentException">A setting does not fit the model; the message names it.</exception>
    public void Validate(ModelConfig config) => ThrowFirst(Problems(config));

    /// <summary>These options with <see cref="ModelDirectory"/> resolved by <see cref="ModelFolder.Resolve"/>.</summary>
    /// <exception cref="InvalidDataException">No folder is configured and no default folder exists.</exception>
    public ClassifierOptions WithResolvedModelDirectory() => this with { ModelDirectory = ModelFolder.Resolve(ModelDirectory) };

    /// <summary>The overlap in use: <see cref="WindowStride"/>, capped at half the window.</summary>
    public int EffectiveWindowStride(ModelConfig config) => Math.Min(WindowStride, (EffectiveMaxLength(config) - 2) / 2);

    /// <summary>The maximum length in use: <see cref="MaxLength"/> or the model's.</summary>
    public int EffectiveMaxLength(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return MaxLength ?? config.MaxLength;
    }

    /// <summary>The batch size limit in use on a provider (<c>CPU</c> or <c>CUDA</c>): <see cref="MaxBatchSize"/> or the device's default.</summary>
    public int EffectiveMaxBatchSize(string provider) =>
        MaxBatchSize ?? (provider == SessionFactory.CpuProvider ? CpuMaxBatchSize : CudaMaxBatchSize);

    /// <summary>The padding limit in use on a provider (<c>CPU</c> or <c>CUDA</c>): <see cref="MaxAddedPadding"/> or the device's default.</summary>
    public int EffectiveMaxAddedPadding(string provider) =>
        MaxAddedPadding ?? (provider == SessionFactory.CpuProvider ? CpuMaxAddedPadding : int.MaxValue);

    /// <summary>The batcher settings these options imply on a provider (<c>CPU</c> or <c>CUDA</c>).</summary>
    public DynamicBatcherOptions ToBatcherOptions(string provider) => new()
    {
        MaxBatchSize = EffectiveMaxBatchSize(provider),
        MaxBatchTokens = MaxBatchTokens,
        MaxAddedPadding = EffectiveMaxAddedPadding(provider),
        MaxBatchDelay = MaxBatchDelay,
        QueueCapacity = QueueCapacity,
    };

    private static void ThrowFirst(IReadOnlyList<OptionProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException($"ClassifierOptions.{problems[0].Key} {problems[0].Problem}", problems[0].Key);
        }
    }

    private static void Check(List<OptionProblem> problems, string name, int value, int min, int max, string? expected = null)
    {
        if (value < min || value > max)
        {
            problems.Add(Range(name, value, expected ?? FormattableString.Invariant($"between {min} and {max}")));
        }
    }

    private static OptionProblem Range(string name, object? value, string expected) =>
        new(name, FormattableString.Invariant($"is {value}; it must be {expected}."));
}

/// <summary>One invalid setting: its name (<c>MaxBatchSize</c>) and what is wrong with it (<c>is 0; it must be …</c>).</summary>
public sealed record OptionProblem(string Key, string Problem);
