using Microsoft.Extensions.Configuration;

namespace FakeNews.Serving;

/// <summary>When a host loads its classifier.</summary>
public enum ClassifierLoading
{
    /// <summary>During the host's start: nothing else starts until the model is ready, and a failure stops the start.</summary>
    BeforeStart,

    /// <summary>After the host has started, so it answers liveness probes while the model loads.</summary>
    Background,
}

/// <summary>
/// How a host serves its classifier: when it loads, and which configuration sections bind the
/// <see cref="Inference.ClassifierOptions"/>: <see cref="SectionName"/>, then each of <paramref name="AliasSections"/>
/// (older names kept working), a later one winning.
/// </summary>
public sealed record ServingSetup(ClassifierLoading Loading, IReadOnlyList<string> AliasSections)
{
    /// <summary>The configuration section of the classifier options in every host.</summary>
    public const string SectionName = "Classifier";

    /// <summary>
    /// The <see cref="Inference.ClassifierOptions"/> of the <see cref="SectionName"/> section of
    /// <paramref name="configuration"/>, for a host without a service container (the CLI, which lays its flags over
    /// them); the record's defaults where a setting is absent. Not validated: loading the classifier validates them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted; the message names the key.</exception>
    public static Inference.ClassifierOptions BindClassifierOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<Inference.ClassifierOptions>() ?? new Inference.ClassifierOptions();
    }

    /// <summary>The configuration key a setting was read from (<c>Classifier:MaxBatchSize</c>), for messages.</summary>
    public string KeyFor(IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        for (var i = AliasSections.Count - 1; i >= 0; i--)
        {
            var key = $"{AliasSections[i]}:{setting}";
            if (configuration[key] is not null)
            {
                return key;
            }
        }

        return $"{SectionName}:{setting}";
    }
}
