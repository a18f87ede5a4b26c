using FakeNews.Messaging.RabbitMQ;
using Microsoft.Extensions.Options;

namespace FakeNews.Worker;

/// <summary>Validates <see cref="WorkerOptions"/> at start (ValidateOnStart) with messages naming the setting.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
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
