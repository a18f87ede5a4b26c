namespace FakeNews.Messaging.RabbitMQ.Tests;

/// <summary>The connection's retry schedule, without a broker.</summary>
public sealed class BrokerConnectorTests
{
    [Fact]
    public void Connect_backoff_doubles_from_the_initial_wait_up_to_the_cap_with_at_most_20_percent_jitter()
    {
        var options = new RabbitMqOptions { ConnectRetryInitial = TimeSpan.FromSeconds(1), ConnectRetryMax = TimeSpan.FromSeconds(30) };

        var waits = Enumerable.Range(1, 7).Select(attempt => BrokerConnector.Backoff(options, attempt, jitter: 0).TotalSeconds).ToList();

        Assert.Equal(new[] { 1.0, 2, 4, 8, 16, 30, 30 }, waits);
        Assert.Equal(36, BrokerConnector.Backoff(options, 9, jitter: 1).TotalSeconds, precision: 6);
    }
}
