using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using RabbitMQ.Client;

namespace FakeNews.Testing.Broker;

/// <summary>Reads results as they arrive and keeps the latest per id; duplicates (at-least-once) are counted.</summary>
internal sealed class ResultCollector : IAsyncDisposable
{
    private readonly QueueReader _reader;

    private ResultCollector(QueueReader reader)
    {
        _reader = reader;
    }

    public Dictionary<string, ArticleResult> Results { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string? MessageId, string? CorrelationId)> Properties { get; } = new(StringComparer.Ordinal);

    public int Duplicates { get; private set; }

    public static async Task<ResultCollector> StartAsync(IConnection connection, string queue) =>
        new(await QueueReader.StartAsync(connection, queue, 500));

    /// <summary>Reads until <paramref name="done"/> holds for the distinct result count, or the timeout passes. Returns whether it held.</summary>
    public async Task<bool> WaitForAsync(Func<int, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(Results.Count))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var message = await _reader.ReceiveAsync(left);
            if (message is null)
            {
                return false;
            }

            var result = MessageSerializer.DeserializeResult(message.Body.Span);
            if (!Results.TryAdd(result.Id, result))
            {
                Duplicates++;
            }

            Properties[result.Id] = (message.MessageId, message.CorrelationId);
            await _reader.AckAsync(message.DeliveryTag, multiple: false);
        }

        return true;
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
