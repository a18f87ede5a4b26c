using System.Net.Sockets;

namespace FakeNews.Testing.Broker;

/// <summary>
/// The broker the tests use: <c>$FAKENEWS_TEST_BROKER</c>, else <c>amqp://guest:guest@127.0.0.1:5672/</c>
/// (what <c>scripts/broker.sh start</c> runs). Checked once with a TCP connect.
/// </summary>
internal static class TestBroker
{
    public static string Uri { get; } = Environment.GetEnvironmentVariable("FAKENEWS_TEST_BROKER") ?? "amqp://guest:guest@127.0.0.1:5672/";

    private static readonly Lazy<string?> Unreachable = new(Probe);

    /// <summary>Null when the broker accepts TCP connections, else why the broker tests are skipped.</summary>
    public static string? SkipReason => Unreachable.Value;

    private static string? Probe()
    {
        var uri = new Uri(Uri);
        var port = uri.Port > 0 ? uri.Port : 5672;
        try
        {
            using var client = new TcpClient();
            if (client.ConnectAsync(uri.Host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected)
            {
                return null;
            }
        }
        catch (AggregateException)
        {
            // Refused: fall through to the skip reason.
        }

        return $"no RabbitMQ at {uri.Host}:{port} ($FAKENEWS_TEST_BROKER); start one with 'scripts/broker.sh start' (CI does)";
    }
}

/// <summary>A fact that needs the real broker; skipped with the reason when it is not reachable.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        Skip = TestBroker.SkipReason;
    }
}
