namespace FakeNews.Messaging;

/// <summary>The outcome of <see cref="RequestParser.Parse"/>: exactly one of a request and a rejection.</summary>
public sealed record ParsedRequest
{
    private ParsedRequest(ArticleRequest? request, DeadLetterReason? rejection)
    {
        Request = request;
        Rejection = rejection;
    }

    /// <summary>The valid request, or null when rejected.</summary>
    public ArticleRequest? Request { get; }

    /// <summary>Why the message is poison, or null when valid.</summary>
    public DeadLetterReason? Rejection { get; }

    /// <summary>A valid request.</summary>
    public static ParsedRequest Valid(ArticleRequest request) => new(request, null);

    /// <summary>A poison message.</summary>
    public static ParsedRequest Poison(string code, string detail) => new(null, new DeadLetterReason(code, detail));
}
