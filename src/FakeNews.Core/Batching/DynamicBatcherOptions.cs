namespace FakeNews.Core.Batching;

/// <summary>Limits of a <see cref="DynamicBatcher"/>.</summary>
public sealed class DynamicBatcherOptions
{
    /// <summary>Most sequences in one batch.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>Most padded tokens (rows x longest row) in one batch. A single longer sequence still runs alone.</summary>
    public int MaxBatchTokens { get; init; } = 8192;

    /// <summary>
    /// Most padding tokens a sequence may add when it joins a batch (see <see cref="BatchPlanner"/>); a sequence that
    /// would add more waits for a batch of its own lengths. <see cref="int.MaxValue"/> (the default) sets no limit.
    /// </summary>
    public int MaxAddedPadding { get; init; } = int.MaxValue;

    /// <summary>Longest wait after the oldest waiting sequence arrived before a batch that is not full is run.</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most sequences waiting for a batch; beyond it requests fail with <c>Overloaded</c>.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }

        if (MaxBatchTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchTokens), MaxBatchTokens, "MaxBatchTokens must be at least 1.");
        }

        if (MaxAddedPadding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAddedPadding), MaxAddedPadding, "MaxAddedPadding must be at least 0.");
        }

        if (MaxBatchDelay < TimeSpan.Zero || MaxBatchDelay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchDelay), MaxBatchDelay, "MaxBatchDelay must be between 0 and 10 seconds.");
        }

        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "QueueCapacity must be at least 1.");
        }
    }
}
