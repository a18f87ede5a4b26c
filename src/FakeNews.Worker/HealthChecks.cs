using FakeNews.Serving;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FakeNews.Worker;

/// <summary>Healthy when the model is loaded and warmed up.</summary>
internal sealed class ModelHealthCheck(ClassifierHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Current is { } classifier
            ? HealthCheckResult.Healthy($"model {classifier.Model.Id} on {classifier.Model.ExecutionProvider}")
            : HealthCheckResult.Unhealthy("model not loaded"));
}

/// <summary>Healthy when the broker connection is open and the consumer runs; unhealthy while connecting or recovering.</summary>
internal sealed class BrokerHealthCheck(QueueWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = worker.Stats;
        var data = stats is null ? new Dictionary<string, object>() : new Dictionary<string, object>
        {
            ["acked"] = stats.Acked, ["retried"] = stats.Retried, ["dead_lettered"] = stats.DeadLettered,
            ["abandoned"] = stats.Abandoned, ["in_flight"] = stats.InFlight,
        };
        return Task.FromResult(worker.IsConsuming
            ? HealthCheckResult.Healthy(worker.BrokerState, data)
            : HealthCheckResult.Unhealthy(worker.BrokerState, data: data));
    }
}
