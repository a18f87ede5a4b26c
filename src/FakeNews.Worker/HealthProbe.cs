using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>
/// A minimal HTTP health probe on 127.0.0.1:<see cref="WorkerOptions.HealthPort"/>: any request gets the health report
/// as JSON, status 200 when every check is healthy and 503 otherwise (<c>curl -f http://127.0.0.1:8089/healthz</c>).
/// Kept to a raw socket so the worker needs no web server; connections are served one at a time with a 2 s budget.
/// </summary>
internal sealed partial class HealthProbe : BackgroundService
{
    private static readonly TimeSpan ConnectionBudget = TimeSpan.FromSeconds(2);
    private readonly HealthCheckService _health;
    private readonly int _port;
    private readonly ILogger _logger;

    public HealthProbe(HealthCheckService health, IOptions<WorkerOptions> options, ILogger<HealthProbe> logger)
    {
        _health = health;
        _port = options.Value.HealthPort;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_port < 0)
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, _port);
        listener.Start();
        LogListening(_logger, ((IPEndPoint)listener.LocalEndpoint).Port);
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            using (client)
            {
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                budget.CancelAfter(ConnectionBudget);
                try
                {
                    await ServeAsync(client.GetStream(), budget.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    LogProbeFailed(_logger, e.Message);
                }
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // Read the request head; its content does not matter (every path answers the same report).
        var buffer = new byte[4096];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0 || Encoding.ASCII.GetString(buffer, 0, read + n).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }

            read += n;
        }

        var report = await _health.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
        var status = report.Status == HealthStatus.Healthy ? "200 OK" : "503 Service Unavailable";
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Health probe listening on http://127.0.0.1:{Port}/healthz")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Health probe request failed: {Error}")]
    private static partial void LogProbeFailed(ILogger logger, string error);
}
