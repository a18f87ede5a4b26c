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
    bool Raw);
