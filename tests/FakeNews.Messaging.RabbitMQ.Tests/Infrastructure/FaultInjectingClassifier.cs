using FakeNews.Core.Classification;

namespace FakeNews.Messaging.RabbitMQ.Tests.Infrastructure;

/// <summary>
/// Wraps the real classifier to inject failures by text: <c>FAIL-ALWAYS</c> always throws BackendFailure,
/// <c>FAIL-ONCE</c> throws on its first attempt only, <c>TOO-LONG</c> throws TooLong, <c>HANG</c> waits until cancelled.
/// Every call is counted.
/// </summary>
internal sealed class FaultInjectingClassifier(ITextClassifier inner) : ITextClassifier
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public ModelInfo Model => inner.Model;

    public int Attempts(string text)
    {
        lock (_attempts)
        {
            return _attempts.GetValueOrDefault(text);
        }
    }

    public Task<ClassificationResult> ClassifyAsync(ClassificationRequest request, CancellationToken cancellationToken = default)
    {
        int attempt;
        lock (_attempts)
        {
            attempt = _attempts[request.Text] = _attempts.GetValueOrDefault(request.Text) + 1;
        }

        if (request.Text.Contains("FAIL-ALWAYS", StringComparison.Ordinal) || (request.Text.Contains("FAIL-ONCE", StringComparison.Ordinal) && attempt == 1))
        {
            throw new ClassificationException(ErrorKind.BackendFailure, $"injected failure on attempt {attempt}");
        }

        if (request.Text.Contains("TOO-LONG", StringComparison.Ordinal))
        {
            throw new ClassificationException(ErrorKind.TooLong, "injected: the text needs 65 windows; the limit is 64");
        }

        if (request.Text.Contains("HANG", StringComparison.Ordinal))
        {
            return HangAsync(cancellationToken);
        }

        return inner.ClassifyAsync(request, cancellationToken);
    }

    private static async Task<ClassificationResult> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
