// One broker test at a time, as when they shared the worker's test project: each loads the tiny model and waits on
// the broker with timeouts sized for a small machine running one of them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
