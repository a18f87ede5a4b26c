using FakeNews.Messaging;
using FakeNews.Messaging.RabbitMQ;
using RabbitMQ.Client;

namespace FakeNews.Testing.Broker;

/// <summary>
/// One test's slice of the broker: a unique name prefix (so tests never share queues), a connection with automatic
/// recovery, helpers to enqueue requests and read results and dead letters, and clean-up of the test's queues.
/// </summary>
internal sealed class BrokerScope : IAsyncDisposable
{
    private readonly IDisposable _restartLock;

    private BrokerScope(RabbitMqOptions options, IConnection connection, IDisposable restartLock)
    {
        Options = options;
        Connection = connection;
        _restartLock = restartLock;
    }

    public RabbitMqOptions Options { get; }

    public IConnection Connection { get; }

    public static async Task<BrokerScope> CreateAsync(string testName)
    {
        var options = new RabbitMqOptions
        {
            Uri = TestBroker.Uri,
            Prefix = $"test.{testName}.{Guid.NewGuid():N}"[..(testName.Length + 18)],
            RecoveryInterval = TimeSpan.FromSeconds(1),
            RetryDelay = TimeSpan.FromMilliseconds(200),
            RetryDelayMax = TimeSpan.FromSeconds(1),
            ClientName = "fakenews-tests",
        };
        var restartLock = await BrokerRestartLock.SharedAsync();
        IConnection connection;
        try
        {
            connection = await BrokerConnector.ConnectOnceAsync(options);
        }
        catch
        {
            restartLock.Dispose();
            throw;
        }

        var scope = new BrokerScope(options, connection, restartLock);
        await using var channel = await connection.CreateChannelAsync();
        await Topology.DeclareAsync(channel, options);
        return scope;
    }

    /// <summary>Command-line arguments that point a worker process at this scope with the tiny model on CPU.</summary>
    public string[] WorkerArgs(params string[] extra) =>
    [
        $"--RabbitMQ:Uri={Options.Uri}",
        $"--RabbitMQ:Prefix={Options.Prefix}",
        "--RabbitMQ:RecoveryInterval=00:00:01",
        "--RabbitMQ:RetryDelay=00:00:00.200",
        "--RabbitMQ:RetryDelayMax=00:00:01",
        $"--Classifier:ModelDirectory={Paths.TinyModel}",
        "--Classifier:Device=Cpu",
        "--Classifier:IntraOpThreads=1",
        "--Worker:HealthPort=-1",
        "--HostOptions:ShutdownTimeout=00:00:15",
        .. extra,
    ];

    /// <summary>Publishes <paramref name="count"/> short claims (ids <c>{idPrefix}-{i}</c>) with confirms; returns the ids.</summary>
    public async Task<HashSet<string>> EnqueueAsync(int count, string idPrefix = "r")
    {
        await using var publisher = await RequestPublisher.CreateAsync(Connection, Options);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var id = $"{idPrefix}-{i}";
            ids.Add(id);
            var text = $"Claim {i}: the governor said unemployment fell by {i % 97} percent in {1990 + i % 35}." + new string('!', i % 7);
            pending.Add(publisher.PublishAsync(new ArticleRequest(id, text, i % 3 == 0 ? "Headline " + i : null)));
            if (pending.Count == 256)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        return ids;
    }

    /// <summary>Publishes a raw body (poison tests).</summary>
    public async Task PublishRawAsync(byte[] body, string? messageId, string? replyTo = null)
    {
        await using var publisher = await RequestPublisher.CreateAsync(Connection, Options);
        await publisher.PublishRawAsync(body, messageId, replyTo);
    }

    /// <summary>Starts reading the results queue (or <paramref name="queue"/>).</summary>
    public Task<ResultCollector> CollectAsync(string? queue = null) => ResultCollector.StartAsync(Connection, queue ?? Options.ResultsQueueName);

    /// <summary>Reads <paramref name="count"/> dead letters, acknowledging them; fewer when the timeout passes first.</summary>
    public async Task<List<ReceivedMessage>> ReadDeadLettersAsync(int count, TimeSpan timeout)
    {
        await using var reader = await QueueReader.StartAsync(Connection, Options.DeadLetterQueueName, 100);
        var letters = new List<ReceivedMessage>();
        var deadline = DateTime.UtcNow + timeout;
        while (letters.Count < count && DateTime.UtcNow < deadline)
        {
            var message = await reader.ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null)
            {
                break;
            }

            letters.Add(message);
            await reader.AckAsync(message.DeliveryTag, multiple: false);
        }

        return letters;
    }

    /// <summary>Messages waiting in <paramref name="queue"/>.</summary>
    public async Task<uint> CountAsync(string queue)
    {
        await using var channel = await Connection.CreateChannelAsync();
        return await channel.MessageCountAsync(queue);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A fresh connection: the test's own may still be recovering from a broker restart.
            await using var cleanup = await BrokerConnector.ConnectOnceAsync(Options);
            await using var channel = await cleanup.CreateChannelAsync();
            foreach (var queue in new[] { Options.RequestQueueName, Options.RetryQueueName, Options.ResultsQueueName, Options.DeadLetterQueueName })
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }

            await channel.ExchangeDeleteAsync(Options.ResultsExchangeName);
            await channel.ExchangeDeleteAsync(Options.DeadLetterExchangeName);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            // Best effort: the broker may be down after a failed restart test.
        }

        await Connection.DisposeAsync();
        _restartLock.Dispose();
    }
}
