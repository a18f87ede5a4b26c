using FakeNews.Inference;

namespace FakeNews.Cli.Bench;

/// <summary>What <c>fakenews bench</c> runs: the classifier options of the batched run and the load.</summary>
internal sealed record BenchSettings(
    ClassifierOptions Options,
    IReadOnlyList<string> Texts,
    string DataLabel,
    int Concurrency,
    TimeSpan WarmUp,
    TimeSpan Duration,
    bool Unbatched,
    bool Raw)
{
    /// <summary>What ONNX Runtime records about the bare phase's session (optimized graph, profiler trace).</summary>
    public SessionDiagnostics Diagnostics { get; init; } = SessionDiagnostics.None;
}
