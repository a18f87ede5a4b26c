namespace FakeNews.Core.Chunking;

/// <summary>One window over a text's token ids (special tokens excluded).</summary>
/// <param name="Index">Zero-based window number.</param>
/// <param name="Start">Offset of the window's first token.</param>
/// <param name="Count">Number of tokens in the window; the last window may be shorter than the others.</param>
public readonly record struct TokenWindow(int Index, int Start, int Count)
{
    /// <summary>Offset just past the window's last token.</summary>
    public int End => Start + Count;
}
