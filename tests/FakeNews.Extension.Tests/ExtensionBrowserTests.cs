using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FakeNews.Extension.Tests;

/// <summary>
/// The unpacked extension in Debian's headless Chromium, against the real API and the default model: the options
/// page, the context menu's and the toolbar action's code paths (run from the service worker, which a test can reach
/// where it cannot click browser menus), the verdict in the side panel's page, and the messages for errors.
/// </summary>
public sealed class ExtensionBrowserTests
{
    private const string Key = "extension-test-key-0123456789";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-domain-reliability", "--no-first-run", "--metrics-recording-only",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    ];

    [ChromiumFact]
    public async Task Extension_in_Chromium_classifies_a_selection_and_the_whole_page_through_the_real_api()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        SetDefaultExpectTimeout(60_000);
        var origin = "chrome-extension://" + ExtensionId(Path.Combine(Repo.Extension, "manifest.json"));
        // The hosts' default precision (int8 on CPU): the panel's percentage is compared digit for digit with a second
        // request for the same text, which holds because a row's int8 result does not depend on its batch.
        using var api = new ApiHost(new Dictionary<string, string?> { ["Api:Keys:0"] = Key, ["Api:Cors:Origins:0"] = origin });
        using var client = await api.StartReadyAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var apiUrl = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        await using var pages = await PageServer.StartAsync();
        // The page is served as localhost and the API as 127.0.0.1: two hosts, so the page's permission is not the API's.
        var pageUrl = $"http://localhost:{pages.Port}/moon-base-leak.html";
        var work = Directory.CreateTempSubdirectory("fakenews-extension-");
        try
        {
            var extension = ExtensionCopy.Create(Path.Combine(work.FullName, "extension"), "localhost");
            using var playwright = await Playwright.CreateAsync();
            await using var context = await LaunchAsync(playwright, work.FullName, extension);
            var requested = new System.Collections.Concurrent.ConcurrentBag<string>();
            context.Request += (_, request) => requested.Add(request.Url);
            var worker = await ServiceWorkerAsync(context, origin);
            var consoleErrors = new List<string>();

            // Options: the default address, then the test API's; without a key the API's 401 comes through CORS.
            var options = await OpenAsync(context, origin + "/options.html", consoleErrors);
            await Expect(options.GetByLabel("API base URL")).ToHaveValueAsync("http://127.0.0.1:5080");
            await Expect(options.Locator("#origin-setting")).ToHaveTextAsync($"--Api:Cors:Origins:0={origin}");
            await options.GetByLabel("API base URL").FillAsync(apiUrl + "/");
            await options.GetByRole(AriaRole.Button, new() { Name = "Save and test the connection" }).ClickAsync();
            await Expect(options.Locator("#message")).ToHaveTextAsync("The API needs an API key.");
            await Expect(options.GetByLabel("API base URL")).ToHaveValueAsync(apiUrl);
            await options.GetByLabel("API key").FillAsync(Key);
            await options.GetByRole(AriaRole.Button, new() { Name = "Save and test the connection" }).ClickAsync();
            var model = await client.GetFromJsonAsync<JsonElement>("/v1/model");
            await Expect(options.Locator("#message")).ToHaveTextAsync(
                $"Connected: {model.GetProperty("name").GetString()} {model.GetProperty("version").GetString()} (CPU).");

            var article = await context.NewPageAsync();
            await article.GotoAsync(pageUrl);
            var panel = await OpenAsync(context, origin + "/panel.html", consoleErrors);
            await Expect(panel.Locator("#idle")).ToBeVisibleAsync();

            // A selection, through the context-menu entry's handler, with the text the page's selection holds.
            var selected = await article.EvaluateAsync<string>(
                "() => { getSelection().selectAllChildren(document.querySelectorAll('#story > p')[2]); return getSelection().toString(); }");
            Assert.StartsWith("\"They can delete the posts", selected);
            var state = await RunAsync(worker, "classifySelection", pageUrl, selected);
            Assert.Equal("done", state.GetProperty("status").GetString());
            var expectedSelection = await ClassifyAsync(client, new { text = selected, explain = true });
            await Expect(panel.Locator("#source")).ToHaveTextAsync("Selected text");
            await ExpectVerdictAsync(panel, expectedSelection, selected);
            await Expect(panel.Locator("#unit-kind")).ToHaveTextAsync("words");
            await Expect(panel.Locator("#windows")).ToBeHiddenAsync();
            Assert.Equal(expectedSelection.GetProperty("label").GetString()!.ToUpperInvariant(), await BadgeAsync(worker, pageUrl));

            // The whole page, through the toolbar action's handler: title and main text by the CLI's HTML reader's rules.
            var (title, body) = PageText.Approved("moon-base-leak.html");
            state = await RunAsync(worker, "classifyPage", pageUrl, null);
            Assert.Equal("done", state.GetProperty("status").GetString());
            Assert.Equal(title, state.GetProperty("request").GetProperty("title").GetString());
            Assert.Equal(body, state.GetProperty("request").GetProperty("text").GetString());
            var expectedPage = await ClassifyAsync(client, new { text = body, title, explain = true });
            var windows = expectedPage.GetProperty("chunks").GetArrayLength();
            Assert.True(windows > 1, "the test article should need several windows");
            await Expect(panel.Locator("#source")).ToHaveTextAsync("Page: " + title);
            await ExpectVerdictAsync(panel, expectedPage, body);
            await Expect(panel.Locator("#unit-kind")).ToHaveTextAsync("sentences");
            await Expect(panel.Locator("#window-rows tr")).ToHaveCountAsync(windows);
            await Expect(panel.Locator("#explained-title")).ToHaveTextAsync(title!);
            Directory.CreateDirectory(Repo.TestResults);
            await panel.ScreenshotAsync(new() { Path = Path.Combine(Repo.TestResults, "extension-panel-page.png"), FullPage = true });

            // Errors, each with a message that says what to do.
            state = await RunAsync(worker, "classifySelection", pageUrl, "   ");
            await ExpectErrorAsync(panel, state, "empty", "The selection is empty: select some text first.");

            await SaveOptionsAsync(options, apiUrl, "not-the-configured-key-0000");
            state = await RunAsync(worker, "classifySelection", pageUrl, selected);
            await ExpectErrorAsync(panel, state, "key", "The API refused the API key.");

            using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            closed.Start();
            var closedUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)closed.LocalEndpoint).Port}";
            closed.Stop();
            await SaveOptionsAsync(options, closedUrl, Key);
            state = await RunAsync(worker, "classifySelection", pageUrl, selected);
            await ExpectErrorAsync(panel, state, "unreachable", $"Cannot reach the FakeNews API at {closedUrl}.");

            // A second API, without this origin in Api:Cors:Origins: the browser blocks the call, reported as unreachable.
            using var noCors = new ApiHost(new Dictionary<string, string?> { ["Api:Keys:0"] = Key, ["Classifier:ModelDirectory"] = Repo.TinyModel });
            using var noCorsClient = await noCors.StartReadyAsync();
            await SaveOptionsAsync(options, noCorsClient.BaseAddress!.GetLeftPart(UriPartial.Authority), Key);
            state = await RunAsync(worker, "classifySelection", pageUrl, selected);
            await ExpectErrorAsync(panel, state, "unreachable", $"Api:Cors:Origins");

            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));

            // Nothing is fetched from anywhere but the extension itself, the test page and the APIs it was pointed at.
            Assert.NotEmpty(requested);
            Assert.All(requested, url => Assert.True(
                url.StartsWith(origin + "/", StringComparison.Ordinal) || new Uri(url).Host is "127.0.0.1" or "localhost", url));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [ChromiumFact]
    public async Task Extension_in_Chromium_says_when_the_api_is_busy_and_when_to_retry()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        SetDefaultExpectTimeout(60_000);
        var origin = "chrome-extension://" + ExtensionId(Path.Combine(Repo.Extension, "manifest.json"));
        using var api = new ApiHost(new Dictionary<string, string?>
        {
            ["Api:Cors:Origins:0"] = origin,
            ["Classifier:ModelDirectory"] = Repo.TinyModel,
            ["Api:RateLimit:PermitLimit"] = "1",
            ["Api:RateLimit:Window"] = "01:00:00",
        });
        using var client = await api.StartReadyAsync();
        var apiUrl = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var work = Directory.CreateTempSubdirectory("fakenews-extension-");
        try
        {
            var extension = ExtensionCopy.Create(Path.Combine(work.FullName, "extension"), "localhost");
            using var playwright = await Playwright.CreateAsync();
            await using var context = await LaunchAsync(playwright, work.FullName, extension);
            var worker = await ServiceWorkerAsync(context, origin);
            var consoleErrors = new List<string>();
            var options = await OpenAsync(context, origin + "/options.html", consoleErrors);
            await SaveOptionsAsync(options, apiUrl, string.Empty);
            var panel = await OpenAsync(context, origin + "/panel.html", consoleErrors);

            // No keys: the limit is per address; the first call uses the one permit of the hour.
            var state = await RunAsync(worker, "classifySelection", null, "Says the county library board wants to close every branch on weekends.");
            Assert.Equal("done", state.GetProperty("status").GetString());
            state = await RunAsync(worker, "classifySelection", null, "Says the county library board wants to close every branch on weekends.");

            Assert.Equal("busy", state.GetProperty("error").GetProperty("kind").GetString());
            var message = state.GetProperty("error").GetProperty("message").GetString()!;
            Assert.Matches(@"^The API is busy \(too many requests\)\. Try again in \d+ s\.$", message);
            await Expect(panel.Locator("#error")).ToHaveTextAsync(message);
            await Expect(panel.Locator("#result")).ToBeHiddenAsync();
            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [ChromiumFact]
    public async Task Page_text_is_what_the_cli_html_reader_reads_from_the_same_file()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        SetDefaultExpectTimeout(60_000);
        var origin = "chrome-extension://" + ExtensionId(Path.Combine(Repo.Extension, "manifest.json"));
        using var api = new ApiHost(new Dictionary<string, string?> { ["Api:Cors:Origins:0"] = origin, ["Classifier:ModelDirectory"] = Repo.TinyModel });
        using var client = await api.StartReadyAsync();
        await using var pages = await PageServer.StartAsync();
        var work = Directory.CreateTempSubdirectory("fakenews-extension-");
        try
        {
            var extension = ExtensionCopy.Create(Path.Combine(work.FullName, "extension"), "localhost");
            using var playwright = await Playwright.CreateAsync();
            await using var context = await LaunchAsync(playwright, work.FullName, extension);
            var worker = await ServiceWorkerAsync(context, origin);
            var options = await OpenAsync(context, origin + "/options.html", []);
            await options.GetByLabel("Highlight the words behind each verdict").UncheckAsync();
            await SaveOptionsAsync(options, client.BaseAddress!.GetLeftPart(UriPartial.Authority), string.Empty);

            foreach (var name in new[] { "moon-base-leak.html", "edge-cases.html", "school-lunch.html" })
            {
                var url = $"http://localhost:{pages.Port}/{name}";
                var page = await context.NewPageAsync();
                await page.GotoAsync(url);
                var (title, body) = PageText.Approved(name);

                var state = await RunAsync(worker, "classifyPage", url, null);

                Assert.Equal("done", state.GetProperty("status").GetString());
                Assert.False(state.GetProperty("result").TryGetProperty("attributions", out _), "explanations were turned off in the options");
                Assert.Equal(title, state.GetProperty("request").GetProperty("title").GetString());
                Assert.Equal(body, state.GetProperty("request").GetProperty("text").GetString());
                await page.CloseAsync();
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The extension's ID, which Chromium derives from the manifest's public key: SHA-256, 32 hex digits as a-p.</summary>
    internal static string ExtensionId(string manifestPath)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var hash = SHA256.HashData(Convert.FromBase64String(manifest["key"]!.GetValue<string>()));
        return string.Concat(Convert.ToHexStringLower(hash)[..32].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
    }

    /// <summary>Headless Chromium with a fresh profile and the extension copy loaded (extensions need a persistent context).</summary>
    private static Task<IBrowserContext> LaunchAsync(IPlaywright playwright, string work, string extension) =>
        playwright.Chromium.LaunchPersistentContextAsync(Path.Combine(work, "profile"), new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, $"--disable-extensions-except={extension}", $"--load-extension={extension}"],
            ViewportSize = new() { Width = 420, Height = 900 },
        });

    /// <summary>The extension's service worker, once Chromium has started it.</summary>
    private static async Task<IWorker> ServiceWorkerAsync(IBrowserContext context, string origin)
    {
        // Playwright for .NET tracks a Chromium context's service workers on its context class but does not expose
        // them on IBrowserContext.
        var property = context.GetType().GetProperty("ServiceWorkers")
            ?? throw new InvalidOperationException($"{context.GetType()} has no ServiceWorkers property in this Playwright version.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var worker = ((IEnumerable<IWorker>)property.GetValue(context)!).FirstOrDefault(w => w.Url.StartsWith(origin + "/", StringComparison.Ordinal));
            if (worker is not null)
            {
                return worker;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The extension's service worker ({origin}) did not start; is the extension loaded?");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string url, List<string> consoleErrors)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // HTTP errors the test provokes (401, 429) are logged as failed loads; anything else (a CSP violation, a
            // script error) fails the test.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
            {
                consoleErrors.Add($"{url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => consoleErrors.Add($"{url}: {error}");
        await page.GotoAsync(url);
        return page;
    }

    private static async Task SaveOptionsAsync(IPage options, string baseUrl, string key)
    {
        await options.GetByLabel("API base URL").FillAsync(baseUrl);
        await options.GetByLabel("API key").FillAsync(key);
        await options.Locator("#message").EvaluateAsync("m => m.textContent = ''");
        await options.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(options.Locator("#message")).ToHaveTextAsync("Saved.");
    }

    /// <summary>Runs one of the handlers the context menu and the toolbar action call, on the tab showing <paramref name="tabUrl"/>.</summary>
    private static async Task<JsonElement> RunAsync(IWorker worker, string handler, string? tabUrl, string? text) =>
        await worker.EvaluateAsync<JsonElement>(
            @"async ([handler, url, text]) => {
                const tab = url ? (await chrome.tabs.query({})).find((t) => t.url === url) : undefined;
                if (url && !tab) throw new Error(`no tab shows ${url}`);
                return handler === 'classifyPage' ? await fakenews.classifyPage(tab) : await fakenews.classifySelection(text, tab);
            }",
            new object?[] { handler, tabUrl, text });

    private static async Task<string> BadgeAsync(IWorker worker, string tabUrl) =>
        await worker.EvaluateAsync<string>(
            "async (url) => chrome.action.getBadgeText({ tabId: (await chrome.tabs.query({})).find((t) => t.url === url).id })", tabUrl);

    private static async Task<JsonElement> ClassifyAsync(HttpClient api, object request)
    {
        using var response = await api.PostAsJsonAsync("/v1/classify", request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ExpectVerdictAsync(IPage panel, JsonElement expected, string text)
    {
        var percent = (expected.GetProperty("p_fake").GetDouble() * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        await Expect(panel.Locator("#result")).ToBeVisibleAsync();
        await Expect(panel.Locator("#verdict")).ToHaveAttributeAsync("data-label", expected.GetProperty("label").GetString()!);
        var threshold = (expected.GetProperty("threshold").GetDouble() * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        await Expect(panel.Locator("#p-fake-label")).ToHaveTextAsync($"Probability fake: {percent} (fake at {threshold} or more)");
        await Expect(panel.Locator("#bar")).ToHaveAttributeAsync("aria-valuetext", percent + " fake");
        var units = expected.GetProperty("attributions").EnumerateArray().Where(a => a.GetProperty("source").GetString() == "text").ToList();
        var marks = panel.Locator("#explained-text mark");
        await Expect(marks).ToHaveCountAsync(units.Count);
        Assert.Equal(text, await panel.Locator("#explained-text").TextContentAsync());
        Assert.Equal(units[0].GetProperty("text").GetString(), await marks.First.TextContentAsync());
        Assert.Equal(units[^1].GetProperty("weight").GetDouble(), double.Parse((await marks.Last.GetAttributeAsync("data-weight"))!, CultureInfo.InvariantCulture), 6);
    }

    private static async Task ExpectErrorAsync(IPage panel, JsonElement state, string kind, string messageStart)
    {
        Assert.Equal("error", state.GetProperty("status").GetString());
        Assert.Equal(kind, state.GetProperty("error").GetProperty("kind").GetString());
        var message = state.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(messageStart, message);
        await Expect(panel.Locator("#error")).ToHaveTextAsync(message);
        await Expect(panel.Locator("#result")).ToBeHiddenAsync();
    }
}
