using System.Text.Json;

namespace FakeNews.Cli.Bench;

/// <summary>
/// Floating-point operations per token of a BERT-style encoder, from config.json's informational size fields
/// (<c>dim</c>/<c>n_layers</c>/<c>hidden_dim</c>, or Hugging Face's <c>hidden_size</c>/<c>num_hidden_layers</c>/
/// <c>intermediate_size</c>): per layer, 2 x (4 dim^2 + 2 dim hidden) for the weight products plus 2 x 2 x seq x dim
/// for the attention products. Embeddings, softmax, normalization and the head are left out (under 1%).
/// </summary>
internal sealed record ModelFlops(int Dim, int Layers, int Hidden)
{
    /// <summary>FLOPs for one token of a sequence of <paramref name="sequenceLength"/> tokens.</summary>
    public double PerToken(double sequenceLength) => Layers * ((2.0 * ((4.0 * Dim * Dim) + (2.0 * Dim * Hidden))) + (4.0 * sequenceLength * Dim));

    /// <summary>Reads the sizes from <c>config.json</c>; null when they are not there.</summary>
    public static ModelFlops? FromConfig(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "config.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var dim = Int(root, "dim") ?? Int(root, "hidden_size");
        var layers = Int(root, "n_layers") ?? Int(root, "num_hidden_layers");
        var hidden = Int(root, "hidden_dim") ?? Int(root, "intermediate_size") ?? (dim * 4);
        return dim is > 0 && layers is > 0 && hidden is > 0 ? new ModelFlops(dim.Value, layers.Value, hidden.Value) : null;
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result) ? result : null;
}
