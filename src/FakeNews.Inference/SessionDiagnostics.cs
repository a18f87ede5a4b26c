namespace FakeNews.Inference;

/// <summary>
/// What ONNX Runtime should record about one session, for benchmarks and diagnosis: the graph after its
/// optimizations for the device that loaded (the fusions it applied) and its profiler's per-node trace. Both are
/// off in the hosts; profiling adds a timestamp pair per node per run.
/// </summary>
/// <param name="OptimizedGraphPath">Where to write the optimized graph (<c>SessionOptions.OptimizedModelFilePath</c>); null: not written.</param>
/// <param name="ProfilePrefix">Profiler output prefix (<c>SessionOptions.ProfileOutputPathPrefix</c>): the trace is
/// written to PREFIX_&lt;time&gt;.json when the session ends its profiling; null: no profiling.</param>
public sealed record SessionDiagnostics(string? OptimizedGraphPath = null, string? ProfilePrefix = null)
{
    /// <summary>Nothing recorded.</summary>
    public static SessionDiagnostics None { get; } = new();
}
