namespace FakeNews.Core.Batching;

/// <summary>
/// One batch of token sequences to run together. Every sequence is padded (by the backend, with the pad id)
/// to <see cref="SequenceLength"/>, the longest sequence in the batch; the attention mask is 1 on real tokens.
/// </summary>
public sealed class TokenBatch
{
    /// <summary>Creates a batch; <paramref name="sequences"/> must be non-empty and each sequence non-empty.</summary>
    public TokenBatch(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", nameof(sequences));
        }

        Sequences = sequences;
        var longest = 0;
        long real = 0;
        foreach (var sequence in sequences)
        {
            longest = Math.Max(longest, sequence.Length);
            real += sequence.Length;
        }

        SequenceLength = longest;
        RealTokens = real;
    }

    /// <summary>The sequences, special tokens included, in batch row order.</summary>
    public IReadOnlyList<int[]> Sequences { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Sequences.Count;

    /// <summary>The padded length of every row: the longest sequence.</summary>
    public int SequenceLength { get; }

    /// <summary>Tokens that are not padding.</summary>
    public long RealTokens { get; }

    /// <summary>Tokens the backend computes: rows x padded length.</summary>
    public long PaddedTokens => (long)Count * SequenceLength;
}
