using FakeNews.Inference;
using FakeNews.Messaging.RabbitMQ;
using FakeNews.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>Validates <see cref="WorkerOptions"/> at start (ValidateOnStart) with messages naming the setting.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = options.Problems().Select(p => $"{WorkerOptions.SectionName}:{p.Key} {p.Problem}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// Checks at start (ValidateOnStart) that the classifier's queue fits the broker's prefetch (<see cref="Fit"/>),
/// beside the checks every host runs; messages name the keys as configured.
/// </summary>
internal sealed class QueueFitValidator(IConfiguration configuration, ServingSetup setup) : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        try
        {
            var rabbit = configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
            var problems = Fit(options, rabbit, setting => setup.KeyFor(configuration, setting)).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
        catch (InvalidOperationException)
        {
            // A broker setting that does not bind is reported by the RabbitMQ options themselves.
            return ValidateOptionsResult.Success;
        }
    }

    /// <summary>
    /// Every delivery in flight (the prefetch) can put up to <see cref="ClassifierOptions.MaxWindows"/> windows in the
    /// batcher's queue at once; more than <see cref="ClassifierOptions.QueueCapacity"/> and the batcher refuses requests
    /// as overloaded, which the worker retries, so the settings must fit. <paramref name="keyFor"/> names a classifier
    /// setting's configuration key; <c>Classifier:</c> by default.
    /// </summary>
    public static IEnumerable<string> Fit(ClassifierOptions classifier, RabbitMqOptions rabbit, Func<string, string>? keyFor = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rabbit);
        keyFor ??= setting => $"{ServingSetup.SectionName}:{setting}";
        var batchSize = WorkerOptions.BatchSize(classifier);
        if (classifier.MaxWindows < 1 || batchSize < 1 || rabbit.Prefetch < 0)
        {
            // Reported by the settings' own checks.
            yield break;
        }

        var prefetch = rabbit.EffectivePrefetch(batchSize);
        var windows = (long)prefetch * classifier.MaxWindows;
        if (windows > classifier.QueueCapacity)
        {
            var maxWindows = keyFor(nameof(ClassifierOptions.MaxWindows));
            var capacity = keyFor(nameof(ClassifierOptions.QueueCapacity));
            var source = rabbit.Prefetch > 0 ? $"{prefetch}" : $"{prefetch} (0: four batches of {keyFor(nameof(ClassifierOptions.MaxBatchSize))})";
            yield return $"{RabbitMqOptions.SectionName}:Prefetch is {source} and {maxWindows} is {classifier.MaxWindows}, so up to {windows} windows "
                + $"can wait at once, more than {capacity} ({classifier.QueueCapacity}). Lower {RabbitMqOptions.SectionName}:Prefetch to at most "
                + $"{Math.Max(1, classifier.QueueCapacity / classifier.MaxWindows)}, lower {maxWindows}, or raise {capacity} to at least {windows}.";
        }
    }
}

/// <summary>Validates <see cref="RabbitMqOptions"/> at start (ValidateOnStart) with messages naming the setting.</summary>
internal sealed class RabbitMqOptionsValidator : IValidateOptions<RabbitMqOptions>
{
    public ValidateOptionsResult Validate(string? name, RabbitMqOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(WorkerOptions.Describe(e));
        }
    }
}
