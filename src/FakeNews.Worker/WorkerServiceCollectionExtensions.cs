using FakeNews.Inference;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>Registers the worker: options (validated at start), classifier, queue consumer, health checks and probe.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the worker's services, bound from the <c>Classifier</c>, <c>RabbitMQ</c>, <c>Worker</c> and <c>HostOptions</c>
    /// sections (appsettings.json, then environment variables such as <c>RabbitMQ__Uri</c>, then <c>--RabbitMQ:Uri=...</c>).
    /// Classifier settings under <c>Worker</c> (the older keys) still apply and win over <c>Classifier</c>.
    /// </summary>
    public static IServiceCollection AddFakeNewsWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<HostOptions>(configuration.GetSection("HostOptions"));
        services.AddOptions<RabbitMqOptions>().Bind(configuration.GetSection(RabbitMqOptions.SectionName)).ValidateOnStart();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();

        services.AddSingleton<IValidateOptions<ClassifierOptions>, QueueFitValidator>();

        // Hosted services start in registration order and stop in reverse: the model loads first, the consumer
        // starts after it, and the consumer drains before the model is disposed.
        services.AddServedClassifier(ClassifierLoading.BeforeStart, WorkerOptions.SectionName);
        services.AddSingleton<QueueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<QueueWorker>());
        services.AddHealthChecks()
            .AddCheck<ModelHealthCheck>("model")
            .AddCheck<BrokerHealthCheck>("broker");
        services.AddHostedService<HealthProbe>();
        return services;
    }
}
