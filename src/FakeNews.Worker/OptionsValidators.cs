using FakeNews.Messaging.RabbitMQ;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>
/// Validates <see cref="WorkerOptions"/> at start (ValidateOnStart) with messages naming the setting, including how
/// they fit the broker settings of the same configuration (<see cref="Fit"/>).
/// </summary>
internal sealed class WorkerOptionsValidator(IConfiguration configuration) : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = options.Problems().ToList();
        try
        {
            var rabbit = configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
            problems.AddRange(Fit(options, rabbit));
        }
        catch (InvalidOperationException)
        {
            // A broker setting that does not bind is reported by the RabbitMQ options themselves.
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Every delivery in flight (the prefetch) can put up to <see cref="WorkerOptions.MaxWindows"/> windows in the
    /// batcher's queue at once; more than <see cref="WorkerOptions.QueueCapacity"/> and the batcher refuses requests
    /// as overloaded, which the worker retries, so the settings must fit.
    /// </summary>
    public static IEnumerable<string> Fit(WorkerOptions worker, RabbitMqOptions rabbit)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(rabbit);
        if (worker.MaxWindows < 1 || worker.MaxBatchSize < 1 || rabbit.Prefetch < 0)
        {
            // Reported by the settings' own checks.
            yield break;
        }

        var prefetch = rabbit.EffectivePrefetch(worker.MaxBatchSize);
        var windows = (long)prefetch * worker.MaxWindows;
        if (windows > worker.QueueCapacity)
        {
            var source = rabbit.Prefetch > 0 ? $"{prefetch}" : $"{prefetch} (0: four batches of {WorkerOptions.SectionName}:MaxBatchSize)";
            yield return $"{RabbitMqOptions.SectionName}:Prefetch is {source} and {WorkerOptions.SectionName}:MaxWindows is {worker.MaxWindows}, so up to {windows} windows "
                + $"can wait at once, more than {WorkerOptions.SectionName}:QueueCapacity ({worker.QueueCapacity}). Lower {RabbitMqOptions.SectionName}:Prefetch to at most "
                + $"{Math.Max(1, worker.QueueCapacity / worker.MaxWindows)}, lower {WorkerOptions.SectionName}:MaxWindows, or raise {WorkerOptions.SectionName}:QueueCapacity to at least {windows}.";
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
