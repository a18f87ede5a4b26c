namespace FakeNews.Testing;

/// <summary>
/// Waits for an API host to report ready, for the API tests, the extension tests and the load generator. Compiled
/// into every project under tests/ by tests/Directory.Build.props.
/// </summary>
internal static class Readiness
{
    /// <summary>
    /// Polls <c>GET /readyz</c> every <paramref name="poll"/> until it answers 2xx; throws a
    /// <see cref="TimeoutException"/> with the last status and body once <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task WaitAsync(HttpClient client, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/readyz still answers {(int)response.StatusCode} after {timeout}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(poll);
        }
    }
}
