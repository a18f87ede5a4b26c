namespace FakeNews.Core.Tokenization;

/// <summary>
/// One tokenized sequence: <c>[CLS] ids [SEP]</c>. The attention mask is all ones over <see cref="Length"/> and the
/// token type ids are all zeros; padding is the batcher's job.
/// </summary>
/// <param name="InputIds">The token ids including [CLS] and [SEP]. Treat as read-only.</param>
public sealed record EncodedSequence(int[] InputIds)
{
    /// <summary>The number of tokens, special tokens included.</summary>
    public int Length => InputIds.Length;
}
