namespace FakeNews.Core.Chunking;

/// <summary>How one model input fits a served model's window limit.</summary>
/// <param name="Tokens">Tokens of the input (special tokens excluded), or words for a model without a tokenizer.</param>
/// <param name="Windows">Windows the input needs.</param>
/// <param name="WindowSize">Text tokens per window; 0 when the model reads whole texts.</param>
/// <param name="Overlap">Tokens shared by consecutive windows.</param>
/// <param name="MaxWindows">The most windows one input may take.</param>
public readonly record struct WindowFit(int Tokens, int Windows, int WindowSize, int Overlap, int MaxWindows)
{
    /// <summary>True when the input is within the limit, so classification will not fail as too long.</summary>
    public bool Fits => Windows <= MaxWindows;
}
