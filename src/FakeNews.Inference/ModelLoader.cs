using FakeNews.Core.Models;
using Microsoft.Extensions.Logging;

namespace FakeNews.Inference;

/// <summary>
/// The loading shared by <see cref="FakeNewsClassifier"/> and <see cref="RawBatchRunner"/>: the model folder, the
/// options checked against its config, the session on the requested device, its signature and the batch backend.
/// </summary>
internal static class ModelLoader
{
    /// <summary>Loads the folder and opens its backend (seconds for a full-size model); does not warm up.</summary>
    /// <exception cref="ArgumentException">An option does not fit the model; the message names it.</exception>
    /// <exception cref="InvalidDataException">The model folder or ONNX graph is unusable; the message names the problem.</exception>
    /// <exception cref="InvalidOperationException">Device cuda was requested and CUDA could not be loaded.</exception>
    public static LoadedModel Load(ClassifierOptions options, ILogger logger, SessionDiagnostics? diagnostics = null, CancellationToken cancellationToken = default)
    {
        var folder = ModelFolder.Load(options.ModelDirectory);
        options.Validate(folder.Config);
        cancellationToken.ThrowIfCancellationRequested();

        var (session, provider, onnxPath, precision) = SessionFactory.Create(folder, options.Device, options.Precision, options.IntraOpThreads, logger, diagnostics);
        try
        {
            var signature = ModelSignature.Discover(session, onnxPath, folder.Config.UsedOutputs, folder.Config.Labels.Count);
            var backend = new OnnxBatchBackend(session, signature, onnxPath, folder.Config.Labels.Count, folder.Tokenizer.PadId, provider)
            {
                Precision = precision,
            };
            return new LoadedModel(folder, backend, onnxPath);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}

/// <summary>A loaded model folder, its open backend and the ONNX file that backend runs.</summary>
internal sealed record LoadedModel(ModelFolder Folder, OnnxBatchBackend Backend, string OnnxPath);
