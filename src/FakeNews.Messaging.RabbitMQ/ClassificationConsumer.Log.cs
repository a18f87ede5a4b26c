using Microsoft.Extensions.Logging;

namespace FakeNews.Messaging.RabbitMQ;

public sealed partial class ClassificationConsumer
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Consuming {Queue} with prefetch {Prefetch}, at most {MaxRedeliveries} redeliveries")]
    private static partial void LogConsuming(ILogger logger, string queue, int prefetch, int maxRedeliveries);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Answered {ArticleId}: {Label} p_fake={PFake:F3} in {LatencyMs:F1} ms")]
    private static partial void LogAnswered(ILogger logger, string articleId, string label, float pFake, double latencyMs);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Classifying {ArticleId} failed on delivery {Delivery}: {ErrorType}: {Error}")]
    private static partial void LogClassifyFailed(ILogger logger, string articleId, long delivery, string errorType, string error);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Dead-lettered {ArticleId}: {ReasonCode}: {ReasonDetail}")]
    private static partial void LogDeadLettered(ILogger logger, string? articleId, string reasonCode, string reasonDetail);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "The broker refused the dead letter of {ArticleId}; requeued: {Error}")]
    private static partial void LogDeadLetterRefused(ILogger logger, string? articleId, string error);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Left {MessageId} (tag {DeliveryTag}) unsettled for redelivery: {ErrorType}: {Error}")]
    private static partial void LogAbandoned(ILogger logger, string? messageId, ulong deliveryTag, string errorType, string error);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Settling {MessageId} (tag {DeliveryTag}) failed; left for redelivery")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string? messageId, ulong deliveryTag);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Stopped consuming; {InFlight} in-flight deliveries settled")]
    private static partial void LogDrained(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Shutdown timeout: {InFlight} deliveries left unacknowledged for redelivery")]
    private static partial void LogDrainTimedOut(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "The broker refused the result of {ArticleId}: {Error}")]
    private static partial void LogResultRefused(ILogger logger, string articleId, string error);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Retrying {ArticleId} (failed deliveries {Failed}) in {DelayMs:F0} ms")]
    private static partial void LogRetryScheduled(ILogger logger, string? articleId, long failed, double delayMs);

    [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "The broker refused the retry copy of {ArticleId}; requeued at once: {Error}")]
    private static partial void LogRetryRefused(ILogger logger, string? articleId, string error);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "Could not cancel the consumer: {Error}")]
    private static partial void LogCancelFailed(ILogger logger, string error);
}
