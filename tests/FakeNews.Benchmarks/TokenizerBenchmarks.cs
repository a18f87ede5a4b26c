using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FakeNews.Core.Tokenization;
using MlBertTokenizer = Microsoft.ML.Tokenizers.BertTokenizer;

namespace FakeNews.Benchmarks;

/// <summary>
/// Tokenizer throughput on LIAR's 1,284 validation statements (one operation tokenizes all of them):
/// ours against Microsoft.ML.Tokenizers' BertTokenizer with the same MiniLM vocabulary.
/// Run: dotnet run -c Release --project tests/FakeNews.Benchmarks -- --filter '*Tokenizer*' --job short
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TokenizerBenchmarks
{
    private string[] _texts = [];
    private BertWordPieceTokenizer _ours = null!;
    private MlBertTokenizer _microsoft = null!;

    [GlobalSetup]
    public void Setup()
    {
        _texts = BenchmarkData.LiarStatements();
        _ours = BertWordPieceTokenizer.Create(BenchmarkData.MiniLmVocab);
        _microsoft = MlBertTokenizer.Create(BenchmarkData.MiniLmVocab);
        var differ = _texts.Count(t => !_microsoft.EncodeToIds(t, false, true, true).SequenceEqual(_ours.TokenizeToIds(t)));
        Console.WriteLine($"// {_texts.Length} texts; Microsoft.ML.Tokenizers' BertTokenizer differs from Hugging Face on {differ} of them.");
    }

    [Benchmark(Baseline = true, Description = "FakeNews BertWordPieceTokenizer.TokenizeToIds")]
    public long Ours()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _ours.TokenizeToIds(text).Length;
        }

        return total;
    }

    [Benchmark(Description = "FakeNews BertWordPieceTokenizer.Encode(text, 256)")]
    public long OursEncode()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _ours.Encode(text, 256).Length;
        }

        return total;
    }

    [Benchmark(Description = "Microsoft.ML.Tokenizers BertTokenizer.EncodeToIds")]
    public long Microsoft()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _microsoft.EncodeToIds(text, false, true, true).Count;
        }

        return total;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new TokensPerSecondColumn());
    }
}
