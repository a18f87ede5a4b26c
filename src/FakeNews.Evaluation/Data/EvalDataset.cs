namespace FakeNews.Evaluation.Data;

/// <summary>A validated evaluation set: every example parsed and checked before any scoring.</summary>
/// <param name="Path">The data file as given.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="Examples">The examples in file order.</param>
public sealed record EvalDataset(string Path, string Sha256, DataFormat Format, IReadOnlyList<EvalExample> Examples);
