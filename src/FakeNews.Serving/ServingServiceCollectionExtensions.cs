using FakeNews.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FakeNews.Serving;

/// <summary>Registers a host's classifier: options, start-up validation, holder and loader.</summary>
public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ClassifierOptions"/> from the <c>Classifier</c> section (then from each of
    /// <paramref name="aliasSections"/>, kept for older configurations), validates it at start, and adds the
    /// <see cref="ClassifierHolder"/> and the <see cref="ClassifierLoader"/> hosted service. Register it before the
    /// hosted services that use the classifier: they start after it and stop before it. Every registered
    /// <see cref="Core.Batching.IBatchObserver"/> sees the transformer's batches.
    /// </summary>
    public static IServiceCollection AddServedClassifier(this IServiceCollection services, ClassifierLoading loading, params string[] aliasSections)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(aliasSections);
        var options = services.AddOptions<ClassifierOptions>().BindConfiguration(ServingSetup.SectionName);
        foreach (var section in aliasSections)
        {
            options.BindConfiguration(section);
        }

        options.ValidateOnStart();
        services.AddSingleton(new ServingSetup(loading, aliasSections));
        services.AddSingleton<IValidateOptions<ClassifierOptions>, ClassifierOptionsValidator>();
        services.AddSingleton<ClassifierHolder>();
        services.AddHostedService<ClassifierLoader>();
        return services;
    }
}
