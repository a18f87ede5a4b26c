namespace FakeNews.Messaging;

/// <summary>Why a request was dead-lettered: a code from <see cref="ReasonCodes"/> and a human-readable detail.</summary>
public sealed record DeadLetterReason(string Code, string Detail)
{
    /// <summary><c>code: detail</c>, the value of <see cref="MessageContract.ReasonHeader"/>.</summary>
    public override string ToString() => $"{Code}: {Detail}";
}
