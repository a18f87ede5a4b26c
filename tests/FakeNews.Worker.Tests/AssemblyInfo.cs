// The broker tests share one RabbitMQ node and one of them restarts it: they must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
