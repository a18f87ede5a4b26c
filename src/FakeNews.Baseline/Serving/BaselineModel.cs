using FakeNews.Baseline.Features;
using FakeNews.Baseline.Training;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace FakeNews.Baseline.Serving;

/// <summary>
/// A baseline model folder on disk: <c>config.json</c>, <c>model.zip</c> (the whole ML.NET chain: featurizer,
/// trees, calibration) and <c>speaker_history.json</c> (label counts per speaker over all training rows).
/// </summary>
public sealed class BaselineModel
{
    private BaselineModel(string directory, BaselineConfig config, MLContext ml, ITransformer transformer, SpeakerHistory history)
    {
        Directory = directory;
        Config = config;
        Context = ml;
        Transformer = transformer;
        History = history;
    }

    /// <summary>The folder's absolute path.</summary>
    public string Directory { get; }

    /// <summary>The validated config.</summary>
    public BaselineConfig Config { get; }

    /// <summary>The ML.NET context the model was loaded in.</summary>
    public MLContext Context { get; }

    /// <summary>The fitted chain: <see cref="BaselineInput"/> row to <c>Probability</c>.</summary>
    public ITransformer Transformer { get; }

    /// <summary>Speaker history over all training rows.</summary>
    public SpeakerHistory History { get; }

    /// <summary>Writes a trained model to <paramref name="directory"/> (created).</summary>
    public static void Save(string directory, BaselineConfig config, TrainedModel model, SpeakerHistory history)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        System.IO.Directory.CreateDirectory(directory);
        new MLContext().Model.Save(model.Model, model.InputSchema, Path.Combine(directory, BaselineConfig.ModelFileName));
        history.Save(Path.Combine(directory, BaselineConfig.HistoryFileName));
        config.Save(directory);
    }

    /// <summary>Loads a folder written by <see cref="Save"/>. Reads a few MB; tens to hundreds of ms.</summary>
    /// <exception cref="InvalidDataException">The folder, a file or a field is missing or unusable; the message names it.</exception>
    public static BaselineModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new InvalidDataException($"Baseline model folder '{full}' does not exist.");
        }

        foreach (var file in new[] { BaselineConfig.ConfigFileName, BaselineConfig.ModelFileName, BaselineConfig.HistoryFileName })
        {
            if (!File.Exists(Path.Combine(full, file)))
            {
                throw new InvalidDataException($"Baseline model folder '{full}' is missing the file '{file}'.");
            }
        }

        var config = BaselineConfig.Load(full);
        var history = SpeakerHistory.Load(Path.Combine(full, BaselineConfig.HistoryFileName));
        var ml = new MLContext();

        // Loading resolves the trainers' model types by assembly; make sure both are registered.
        ml.ComponentCatalog.RegisterAssembly(typeof(FastForestBinaryModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryModelParameters).Assembly);
        ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(Path.Combine(full, BaselineConfig.ModelFileName), out _);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"Baseline model folder '{full}': '{BaselineConfig.ModelFileName}' cannot be loaded: {e.Message}", e);
        }

        return new BaselineModel(full, config, ml, transformer, history);
    }
}
