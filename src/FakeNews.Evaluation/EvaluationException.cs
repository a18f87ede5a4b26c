namespace FakeNews.Evaluation;

/// <summary>An evaluation or comparison that cannot go on; the message says which example, file or setting and why.</summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvaluationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
