using FakeNews.Core.Tokenization;

namespace FakeNews.Core.Models;

/// <summary>
/// A loaded model folder <c>models/&lt;name&gt;/</c>: <c>model.onnx</c>, <c>vocab.txt</c> and <c>config.json</c>,
/// with the config validated and the tokenizer built. Immutable and thread-safe.
/// </summary>
public sealed class ModelFolder
{
    /// <summary>The ONNX graph's file name inside a model folder.</summary>
    public const string OnnxFileName = "model.onnx";

    /// <summary>The optional dynamically quantized int8 graph beside <see cref="OnnxFileName"/> (scripts/quantize_int8.py), preferred on CPU.</summary>
    public const string Int8OnnxFileName = "model.int8.onnx";

    /// <summary>The optional float16 graph beside <see cref="OnnxFileName"/>, used on CUDA when asked for.</summary>
    public const string Fp16OnnxFileName = "model.fp16.onnx";

    /// <summary>The WordPiece vocabulary's file name inside a model folder.</summary>
    public const string VocabFileName = "vocab.txt";

    /// <summary>The config's file name inside a model folder.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>The environment variable that overrides the default model folder.</summary>
    public const string ModelEnvironmentVariable = "FAKENEWS_MODEL";

    /// <summary>The default model folder, relative to the repository root.</summary>
    public static readonly string DefaultRelativePath = Path.Combine("models", "minilm-news-v2");

    private ModelFolder(string directory, ModelConfig config, BertWordPieceTokenizer tokenizer)
    {
        Directory = directory;
        Config = config;
        Tokenizer = tokenizer;
    }

    /// <summary>The folder's absolute path.</summary>
    public string Directory { get; }

    /// <summary>The absolute path of <c>model.onnx</c>.</summary>
    public string OnnxPath => Path.Combine(Directory, OnnxFileName);

    /// <summary>The absolute path of <c>model.int8.onnx</c> when the folder has one; otherwise null. Checked on each call.</summary>
    public string? Int8OnnxPath => ExistingFile(Int8OnnxFileName);

    /// <summary>The absolute path of <c>model.fp16.onnx</c> when the folder has one; otherwise null. Checked on each call.</summary>
    public string? Fp16OnnxPath => ExistingFile(Fp16OnnxFileName);

    /// <summary>The validated config.</summary>
    public ModelConfig Config { get; }

    /// <summary>The tokenizer built from <c>vocab.txt</c> with the config's casing.</summary>
    public BertWordPieceTokenizer Tokenizer { get; }

    private string? ExistingFile(string name)
    {
        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Loads and validates a model folder. Reads the config and the whole vocabulary (a few MB; tens of ms);
    /// does not open the ONNX graph.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The folder or a file is missing, the config is bad JSON, lacks a field, has no <c>fake</c> label, an
    /// out-of-range <c>max_length</c> or <c>temperature</c>, a <c>vocab_size</c> that disagrees with the vocabulary,
    /// or the vocabulary lacks a special token. The message
    /// names the folder, the file and the problem.
    /// </exception>
    public static ModelFolder Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new InvalidDataException($"Model folder '{full}' does not exist. Pass an existing folder holding {OnnxFileName}, {VocabFileName} and {ConfigFileName}.");
        }

        foreach (var file in new[] { ConfigFileName, VocabFileName, OnnxFileName })
        {
            if (!File.Exists(Path.Combine(full, file)))
            {
                throw new InvalidDataException($"Model folder '{full}' is missing the file '{file}'.");
            }
        }

        var configPath = Path.Combine(full, ConfigFileName);
        ModelConfig config;
        try
        {
            config = ModelConfigParser.Parse(File.ReadAllText(configPath), configPath);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"Model folder '{full}': {ex.Message}", ex);
        }

        var vocabPath = Path.Combine(full, VocabFileName);
        BertWordPieceTokenizer tokenizer;
        try
        {
            tokenizer = BertWordPieceTokenizer.Create(vocabPath, new TokenizerOptions { LowerCase = config.DoLowerCase });
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"Model folder '{full}': vocabulary '{vocabPath}' is unusable: {ex.Message}", ex);
        }

        // Ids past the embedding table fail at inference (or, on some providers, read other memory); fewer tokens
        // than rows means the vocabulary belongs to another model and every id maps to the wrong embedding.
        if (config.VocabSize is { } rows && rows != tokenizer.VocabSize)
        {
            throw new InvalidDataException(
                $"Model folder '{full}': {VocabFileName} has {tokenizer.VocabSize} tokens but {ConfigFileName} 'vocab_size' is {rows}; " +
                "the files come from different models. Copy vocab.txt, config.json and model.onnx from one export.");
        }

        return new ModelFolder(full, config, tokenizer);
    }

    /// <summary>
    /// The model folder a host serves: <paramref name="configured"/> as a full path, or <see cref="ResolveDefault"/>
    /// when it is blank. Every host resolves its model folder here.
    /// </summary>
    /// <exception cref="InvalidDataException">Nothing is configured and no default folder exists.</exception>
    public static string Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? ResolveDefault() : Path.GetFullPath(configured);

    /// <summary>
    /// The default model folder: <c>$FAKENEWS_MODEL</c> when set; otherwise the first existing
    /// <c>models/minilm-news-v2</c> found walking up from the current directory, then from the application's base directory.
    /// </summary>
    /// <exception cref="InvalidDataException">No folder was found, or <c>$FAKENEWS_MODEL</c> names a missing folder.</exception>
    public static string ResolveDefault()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ModelEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var full = Path.GetFullPath(fromEnvironment);
            return System.IO.Directory.Exists(full)
                ? full
                : throw new InvalidDataException($"{ModelEnvironmentVariable} is '{fromEnvironment}', but the folder '{full}' does not exist.");
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultRelativePath);
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidDataException(
            $"No model folder given and no '{DefaultRelativePath}' found above '{System.IO.Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. " +
            $"Pass a model folder (e.g. --model models/<name>) or set {ModelEnvironmentVariable}.");
    }
}
