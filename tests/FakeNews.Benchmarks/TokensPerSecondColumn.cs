using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FakeNews.Core.Tokenization;

namespace FakeNews.Benchmarks;

/// <summary>
/// Tokens per second: the Hugging Face-equal token count of one operation's texts divided by the mean time.
/// Counted in the host process (benchmarks run in a child process).
/// </summary>
internal sealed class TokensPerSecondColumn : IColumn
{
    private static readonly Lazy<long> s_tokensPerOperation = new(() =>
        BenchmarkData.CountTokens(BertWordPieceTokenizer.Create(BenchmarkData.MiniLmVocab), BenchmarkData.LiarStatements()));

    public string Id => nameof(TokensPerSecondColumn);

    public string ColumnName => "Tokens/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Tokens per second ({s_tokensPerOperation.Value:N0} tokens of LIAR valid statements per operation)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is null or 0 ? "NA" : (s_tokensPerOperation.Value / (meanNs.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
