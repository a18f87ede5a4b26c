using FakeNews.Core.Classification;
using FakeNews.Core.Explanations;
using global::RabbitMQ.Client;
using global::RabbitMQ.Client.Events;
using global::RabbitMQ.Client.Exceptions;

namespace FakeNews.Messaging.RabbitMQ;

public sealed partial class ClassificationConsumer
{
    /// <summary>Headers the broker manages; a copy sent through the retry queue starts without them.</summary>
    private static readonly string[] BrokerHeaders =
        [MessageContract.DeliveryCountHeader, "x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason"];

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await HandleAsync(delivery, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e) || (e is OperationCanceledException && _abort.IsCancellationRequested))
        {
            // Unsettled: the broker requeues the delivery when the channel closes (or already has) and redelivers it.
            Interlocked.Increment(ref _abandoned);
            LogAbandoned(_logger, delivery.BasicProperties.MessageId, delivery.DeliveryTag, e.GetType().Name, e.Message);
        }
        catch (Exception e)
        {
            // Settling failed in an unexpected way: return the delivery to the queue (best effort, so it does not hold
            // a prefetch slot until the channel closes) rather than lose it.
            Interlocked.Increment(ref _abandoned);
            LogSettleFailed(_logger, e, delivery.BasicProperties.MessageId, delivery.DeliveryTag);
            await TryRequeueAsync(delivery.DeliveryTag).ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping)
            {
                _drained.TrySetResult();
            }
        }
    }

    private async Task HandleAsync(BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var properties = delivery.BasicProperties;
        ParsedRequest parsed;
        try
        {
            parsed = RequestParser.Parse(delivery.Body, properties.MessageId, _options.MaxBodyBytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser promises not to throw; if it ever does, requeueing would loop until the broker's delivery
            // limit dead-letters the message without a reason.
            parsed = ParsedRequest.Poison(ReasonCodes.MalformedJson, $"the body could not be parsed: {e.GetType().Name}: {e.Message}".ReplaceLineEndings(" "));
        }

        if (parsed.Rejection is { } rejection)
        {
            await SettleAsync(delivery, DeliveryPolicy.ForPoison(rejection), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = parsed.Request!;
        ArticleResult result;
        try
        {
            result = await ClassifyAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var previous = PreviousDeliveries(properties);
            LogClassifyFailed(_logger, request.Id, previous + 1, e.GetType().Name, e.Message);
            await SettleAsync(delivery, DeliveryPolicy.ForFailure(e, previous, _options.MaxRedeliveries), request.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await PublishResultAsync(properties, result, cancellationToken).ConfigureAwait(false);
        }
        catch (PublishException e) when (e.IsReturn && !string.IsNullOrEmpty(properties.ReplyTo))
        {
            await SettleAsync(delivery, DeliveryPolicy.ForUnroutableReply(properties.ReplyTo), request.Id, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (PublishException e) when (!IsConnectionLoss(e))
        {
            // The broker nacked the result, or returned it because the results queue is gone: not answered, so the
            // request is retried like a failed classification and dead-lettered when the retries run out.
            var previous = PreviousDeliveries(properties);
            LogResultRefused(_logger, request.Id, e.Message);
            await SettleAsync(delivery, DeliveryPolicy.ForFailure(e, previous, _options.MaxRedeliveries), request.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SettleAsync(delivery, DeliveryDecision.Ack, request.Id, cancellationToken).ConfigureAwait(false);
        LogAnswered(_logger, request.Id, result.Label, result.PFake, result.LatencyMs);
    }

    /// <summary>The verdict, explained when the request asks for it and the classifier can explain.</summary>
    /// <exception cref="ClassificationException">As the classifier throws; InvalidInput when explain is asked of a classifier that cannot.</exception>
    private async Task<ArticleResult> ClassifyAsync(ArticleRequest request, CancellationToken cancellationToken)
    {
        if (!request.Explain)
        {
            var verdict = await _classifier.ClassifyAsync(request.ToClassificationRequest(), cancellationToken).ConfigureAwait(false);
            return ArticleResult.From(request.Id, verdict, _classifier.Model);
        }

        var explainer = _classifier as ITextExplainer
            ?? throw new ClassificationException(ErrorKind.InvalidInput, "This worker's classifier cannot explain its verdicts; send the request without 'explain'.");
        var explanation = await explainer.ExplainAsync(request.ToClassificationRequest(), cancellationToken).ConfigureAwait(false);
        return ArticleResult.From(request.Id, explanation, _classifier.Model);
    }

    /// <summary>Publishes the result to <c>reply_to</c> (default exchange) or the results exchange, and waits for the confirm.</summary>
    private async Task PublishResultAsync(IReadOnlyBasicProperties request, ArticleResult result, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            MessageId = request.MessageId ?? result.Id,
            CorrelationId = request.CorrelationId ?? request.MessageId ?? result.Id,
            ContentType = MessageContract.ContentType,
            Type = MessageContract.ResultType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        var (exchange, routingKey) = string.IsNullOrEmpty(request.ReplyTo)
            ? (_options.ResultsExchangeName, _options.ResultsQueueName)
            : (string.Empty, request.ReplyTo);
        await _publishChannel!.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, MessageSerializer.Serialize(result), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Carries out a <see cref="DeliveryDecision"/> on the consume channel.</summary>
    private async Task SettleAsync(BasicDeliverEventArgs delivery, DeliveryDecision decision, string? id, CancellationToken cancellationToken)
    {
        var channel = _consumeChannel!;
        switch (decision.Disposition)
        {
            case Disposition.Ack:
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _acked);
                break;
            case Disposition.Retry:
                await RetryLaterAsync(delivery, id, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _retried);
                break;
            case Disposition.DeadLetter:
                var reason = decision.Reason!;
                try
                {
                    await PublishDeadLetterAsync(delivery, reason, cancellationToken).ConfigureAwait(false);
                }
                catch (PublishException e)
                {
                    // The broker refused the dead letter; requeue so nothing is lost. The quorum queue's delivery
                    // limit dead-letters the message broker-side if this keeps happening.
                    LogDeadLetterRefused(_logger, id ?? delivery.BasicProperties.MessageId, e.Message);
                    await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _retried);
                    return;
                }

                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _deadLettered);
                LogDeadLettered(_logger, id ?? delivery.BasicProperties.MessageId, reason.Code, reason.Detail);
                break;
        }
    }

    /// <summary>
    /// Publishes the original body and properties to the dead-letter exchange with the reason headers and waits for the
    /// confirm. (Rejecting into the queue's DLX could not carry a reason: the broker only adds <c>x-death</c>.)
    /// </summary>
    private async Task PublishDeadLetterAsync(BasicDeliverEventArgs delivery, DeadLetterReason reason, CancellationToken cancellationToken)
    {
        var original = delivery.BasicProperties;
        var headers = original.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(original.Headers);
        headers[MessageContract.ReasonHeader] = reason.ToString();
        headers[MessageContract.ReasonCodeHeader] = reason.Code;
        headers[MessageContract.OriginalQueueHeader] = _options.RequestQueueName;
        var properties = Republished(original, headers, new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await _publishChannel!.BasicPublishAsync(_options.DeadLetterExchangeName, _options.RequestQueueName, mandatory: true, properties, delivery.Body, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A persistent copy of a delivery's identifying properties with <paramref name="headers"/>, to publish again.</summary>
    private static BasicProperties Republished(IReadOnlyBasicProperties original, IDictionary<string, object?> headers, AmqpTimestamp timestamp) => new()
    {
        MessageId = original.MessageId,
        CorrelationId = original.CorrelationId,
        ContentType = original.ContentType,
        Type = original.Type,
        ReplyTo = original.ReplyTo,
        DeliveryMode = DeliveryModes.Persistent,
        Timestamp = timestamp,
        Headers = headers,
    };

    /// <summary>
    /// Sends the request through the retry queue with its backoff as the message's expiration, then acknowledges
    /// the delivery. If the broker refuses the copy, the delivery is requeued at once instead, so nothing is lost.
    /// </summary>
    private async Task RetryLaterAsync(BasicDeliverEventArgs delivery, string? id, CancellationToken cancellationToken)
    {
        var original = delivery.BasicProperties;
        var previous = PreviousDeliveries(original);
        var delay = DeliveryPolicy.RetryDelay((int)Math.Min(previous, 30), _options.RetryDelay, _options.RetryDelayMax, Random.Shared.NextDouble());
        var headers = original.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(original.Headers);
        foreach (var brokerHeader in BrokerHeaders)
        {
            headers.Remove(brokerHeader);
        }

        headers[MessageContract.RetriesHeader] = previous + 1;
        var properties = Republished(original, headers, original.Timestamp);
        properties.Expiration = ((long)Math.Ceiling(delay.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await _publishChannel!.BasicPublishAsync(string.Empty, _options.RetryQueueName, mandatory: true, properties, delivery.Body, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PublishException e) when (!IsConnectionLoss(e))
        {
            LogRetryRefused(_logger, id ?? original.MessageId, e.Message);
            await _consumeChannel!.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _consumeChannel!.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
        LogRetryScheduled(_logger, id ?? original.MessageId, previous + 1, delay.TotalMilliseconds);
    }

    /// <summary>
    /// Failed deliveries before this one: retries through the retry queue plus the broker's redeliveries. A negative
    /// header (set by a publisher) counts as 0, so it cannot buy endless retries.
    /// </summary>
    private static long PreviousDeliveries(IReadOnlyBasicProperties properties) =>
        Math.Max(0, AmqpHeaders.GetInt64(properties.Headers, MessageContract.RetriesHeader))
        + Math.Max(0, AmqpHeaders.GetInt64(properties.Headers, MessageContract.DeliveryCountHeader));

    private async Task TryRequeueAsync(ulong deliveryTag)
    {
        try
        {
            await _consumeChannel!.BasicNackAsync(deliveryTag, multiple: false, requeue: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            // The channel is gone, which requeues the delivery anyway.
        }
    }

    private static bool IsConnectionLoss(Exception e) =>
        e is AlreadyClosedException or OperationInterruptedException or IOException
        || (e is PublishException { IsReturn: false } && e.InnerException is AlreadyClosedException);
}
