using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Playwright;
using StreamEngine.Core.Simulation;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>The status page in headless Chromium (Debian's, driven by Playwright) over a running engine.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class StatusPageTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [Fact]
    public async Task StatusPage_InHeadlessChromium_ShowsLiveNumbersThatChangeBetweenRefreshes()
    {
        await using var engine = await LiveEngine.StartAsync(Fixture, Database, YearOfTraffic(), eventsPerSecond: 3_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(engine.BaseUrl.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("StreamEngine status", await page.TitleAsync());

        // Live: events consumed, top products once minute windows close, risky payments scored by the fraud feature and
        // SKUs the safety-stock feature signalled once simulated days close (bounded wait, polled by the browser).
        var ready = new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 };
        await page.WaitForFunctionAsync(
            """
            () => Number(document.getElementById("consumed").textContent.replace(/,/g, "")) > 0
                && document.querySelectorAll("#top-products tbody td:not(.empty)").length > 0
                && document.querySelectorAll("#risky tbody td:not(.empty)").length > 0
                && document.querySelectorAll("#stock tbody td:not(.empty)").length > 0
                && document.getElementById("rate").textContent !== "-"
            """,
            null,
            ready);
        engine.ThrowIfStopped();
        Assert.Equal("live", await page.TextContentAsync("#state"));
        var first = Number(await page.TextContentAsync("#consumed"));
        var firstUpdated = await page.TextContentAsync("#updated");
        Assert.True(first > 0);
        Assert.Equal(4, await page.Locator("#topics tbody tr").CountAsync()); // three storefront topics and the demand repartition topic
        var topSku = await page.Locator("#top-products tbody tr td").First.TextContentAsync();
        Assert.Matches("^[A-Z0-9-]+$", topSku ?? "");
        Assert.NotEqual(0, await page.Locator("#partitions tbody tr").CountAsync());

        // Pipelines: inputs, events, events/s, lag, watermark, watermark lag, late events, dead-lettered (inputs').
        var pipeline = page.Locator("#pipelines tbody tr").Filter(new() { HasText = "safety_stock" }).Locator("td");
        Assert.Equal(9, await pipeline.CountAsync());
        Assert.Equal("inventory, streamengine-demand", await pipeline.Nth(1).TextContentAsync());
        Assert.True(Number(await pipeline.Nth(2).TextContentAsync()) > 0);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", await pipeline.Nth(5).TextContentAsync() ?? "");

        // Risky payments and stock alerts come from the engine's own features: each row is also in their ClickHouse table.
        var riskyTxn = await page.Locator("#risky tbody tr td").First.TextContentAsync() ?? "";
        var riskyDecision = await page.Locator("#risky tbody tr").First.Locator("td").Nth(3).TextContentAsync();
        Assert.Matches("^t[0-9]+$", riskyTxn);
        Assert.Contains(riskyDecision, (string[])["review", "decline"]);
        Assert.Matches("^[0-9a-f]{16}$", await page.Locator("#risky tbody tr").First.Locator("td").Nth(1).TextContentAsync() ?? "");
        var stockSku = await page.Locator("#stock tbody tr td").First.TextContentAsync() ?? "";
        var stockWarehouse = await page.Locator("#stock tbody tr").First.Locator("td").Nth(1).TextContentAsync() ?? "";
        Assert.Matches("^SKU-[0-9]{5}$", stockSku);
        await WaitForRowAsync($"SELECT toString(decision) FROM {Database}.fraud_scores WHERE txn_id = '{riskyTxn}'", riskyDecision!);
        await WaitForRowAsync($"SELECT count() > 0 FROM {Database}.replenishment_signals WHERE sku = '{stockSku}' AND warehouse = '{stockWarehouse}'", "1");

        // The next refresh (every 2 s) shows more events consumed.
        await page.WaitForFunctionAsync(
            "prev => Number(document.getElementById(\"consumed\").textContent.replace(/,/g, \"\")) > prev",
            first,
            new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 200 });
        var second = Number(await page.TextContentAsync("#consumed"));
        Assert.True(second > first, $"consumed should grow between refreshes: {first} then {second}");
        Assert.NotEqual(firstUpdated, await page.TextContentAsync("#updated"));
        Assert.Matches("^[0-9,]+$", await page.TextContentAsync("#rate") ?? "");
        Assert.Matches("^[0-9,]+$", await pipeline.Nth(3).TextContentAsync() ?? "");

        // Markup in event data is shown as text: a payment whose id carries HTML, declined by the decline-burst rule
        // after five issuer declines on its card, goes through the fraud feature onto the page. The simulator stops
        // first, so no later risky payments push it out of the page's most recent 20.
        await engine.StopProducingAsync();
        var newestMs = await DrainedNewestRiskyPaymentMsAsync(engine);
        ProduceDeclineBurst(engine, "t<b>42</b>", newestMs);
        await WaitForRiskyPaymentAsync(engine, "t<b>42</b>");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#risky tbody tr td:first-child')].some(td => td.textContent === 't<b>42</b>')",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 250 });
        var marked = page.Locator("#risky tbody tr").Filter(new() { HasText = "t<b>42</b>" }).Locator("td");
        Assert.Equal("decline", await marked.Nth(3).TextContentAsync());
        Assert.StartsWith("rule_decline_burst_card", await marked.Nth(4).TextContentAsync() ?? "", StringComparison.Ordinal); // the rule first, then the strongest features
        Assert.Equal(0, await page.Locator("#risky b").CountAsync());

        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, ".state"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, ".state", "statuspage.png"), FullPage = true });
        Assert.True(consoleErrors.Count == 0, "browser console errors: " + string.Join(" | ", consoleErrors));
    }

    [Fact]
    public async Task StatusJson_WhileConsuming_ReportsTopicsPartitionsPipelinesWatermarkAndTopProducts()
    {
        await using var engine = await LiveEngine.StartAsync(Fixture, Database, Traffic(), eventsPerSecond: 3_000);
        using var http = new HttpClient { BaseAddress = engine.BaseUrl };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        JsonElement status;
        while (true)
        {
            engine.ThrowIfStopped();
            status = await http.GetFromJsonAsync<JsonElement>("api/status", deadline.Token);
            if (status.GetProperty("topProducts").GetProperty("products").GetArrayLength() > 0
                && status.GetProperty("pipelines").EnumerateArray().Any(p => p.GetProperty("watermarkMs").GetInt64() > 0))
            {
                break;
            }

            await Task.Delay(200, deadline.Token);
        }

        Assert.True(status.GetProperty("consumed").GetInt64() > 0);
        var topics = status.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString()).ToList();
        Assert.Equal(["clickstream", "inventory", "streamengine-demand", "transactions"], topics.Order().ToList());
        var partitions = status.GetProperty("partitions").EnumerateArray().ToList();
        Assert.NotEmpty(partitions);
        Assert.All(partitions, p => Assert.True(p.GetProperty("lag").GetInt64() >= 0));
        var products = status.GetProperty("topProducts").GetProperty("products").EnumerateArray().Select(p => p.GetProperty("views").GetInt64()).ToList();
        Assert.True(products.Count <= 10);
        Assert.Equal(products.OrderDescending().ToList(), products);
        // A pipeline's events, lag and dead letters are its input topics' (events: consumed minus dead-lettered).
        var byTopic = status.GetProperty("topics").EnumerateArray().ToDictionary(t => t.GetProperty("topic").GetString()!);
        var product = status.GetProperty("pipelines").EnumerateArray().First(p => p.GetProperty("pipeline").GetString() == "product_activity");
        Assert.Equal(["clickstream"], product.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()).ToList());
        var fraud = status.GetProperty("pipelines").EnumerateArray().First(p => p.GetProperty("pipeline").GetString() == "fraud");
        Assert.Equal(["clickstream", "transactions"], fraud.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()).ToList());
        Assert.All(status.GetProperty("pipelines").EnumerateArray(), p =>
        {
            var inputs = p.GetProperty("inputs").EnumerateArray().Select(i => byTopic[i.GetString()!]).ToList();
            Assert.NotEmpty(inputs);
            Assert.Equal(inputs.Sum(t => t.GetProperty("consumed").GetInt64() - t.GetProperty("deadLettered").GetInt64()), p.GetProperty("eventsProcessed").GetInt64());
            Assert.Equal(inputs.Sum(t => t.GetProperty("lag").GetInt64()), p.GetProperty("lag").GetInt64());
            Assert.Equal(inputs.Sum(t => t.GetProperty("deadLettered").GetInt64()), p.GetProperty("deadLettered").GetInt64());
        });
        var watermark = product.GetProperty("watermarkMs").GetInt64();
        Assert.InRange(watermark, Traffic().Start.ToUnixTimeMilliseconds(), (Traffic().Start + Traffic().Duration).ToUnixTimeMilliseconds());
    }

    // Event times span a simulated day, so minute windows close within seconds of wall-clock time.
    private static SimulatorOptions Traffic() => new() { EventCount = 5_000_000, Seed = 5, Users = 2_000, Products = 150 };

    // Event times span a simulated year at about 14,000 records a day: at 3,000 records/s a day closes every few seconds,
    // so safety stock computes reorder points and signals crossings, and fraud scenarios come up within a minute.
    private static SimulatorOptions YearOfTraffic() => new()
    {
        EventCount = 5_000_000, Seed = 5, Users = 2_000, Products = 150, Duration = TimeSpan.FromDays(365), FraudRate = 0.05,
    };

    /// <summary>Waits until the engine has consumed everything produced so far, then reads the newest risky payment's event time.</summary>
    private static async Task<long> DrainedNewestRiskyPaymentMsAsync(LiveEngine engine)
    {
        using var http = new HttpClient { BaseAddress = engine.BaseUrl };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            engine.ThrowIfStopped();
            var status = await http.GetFromJsonAsync<JsonElement>("api/status", deadline.Token);
            if (status.GetProperty("topics").EnumerateArray().All(t => t.GetProperty("lag").GetInt64() == 0))
            {
                return status.GetProperty("riskyPayments").EnumerateArray().Max(p => p.GetProperty("timeMs").GetInt64());
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    /// <summary>Waits until <c>/api/status</c> lists the payment; the failure names dead letters and decisions to tell why not.</summary>
    private static async Task WaitForRiskyPaymentAsync(LiveEngine engine, string txnId)
    {
        using var http = new HttpClient { BaseAddress = engine.BaseUrl };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            engine.ThrowIfStopped();
            var status = await http.GetFromJsonAsync<JsonElement>("api/status");
            if (status.GetProperty("riskyPayments").EnumerateArray().Any(p => p.GetProperty("txnId").GetString() == txnId))
            {
                return;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"{txnId} was not reported as risky within 30 s; dead letters {status.GetProperty("deadLetters")}, decisions {status.GetProperty("fraudDecisions")}, newest {status.GetProperty("riskyPayments").EnumerateArray().FirstOrDefault()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Five issuer-declined payments on one card, then <paramref name="txnId"/> on it, all just after <paramref name="afterMs"/>.</summary>
    private static void ProduceDeclineBurst(LiveEngine engine, string txnId, long afterMs)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = engine.BootstrapServers }).Build();
        for (var i = 0; i <= 5; i++)
        {
            var payment = new Dictionary<string, object>
            {
                ["event_id"] = $"burst-{txnId}-{i}",
                ["type"] = "payment",
                ["ts"] = afterMs + 1_000 + i,
                ["status"] = i < 5 ? "declined" : "authorized",
                ["txn_id"] = i < 5 ? $"burst-{i}" : txnId,
                ["order_id"] = $"burst-order-{i}",
                ["user_id"] = "u1",
                ["card_token"] = "tok_burst",
                ["amount"] = 99.99,
                ["currency"] = "EUR",
                ["items"] = new[] { new Dictionary<string, object> { ["sku"] = "SKU-00001", ["qty"] = 1, ["price"] = 99.99 } },
                ["ip"] = "203.0.113.7",
                ["device_id"] = "d-burst",
                ["billing_country"] = "DE",
                ["shipping_country"] = "DE",
                ["ip_country"] = "DE",
            };
            // The record timestamp is the event time, as the storefront's: the decoder rejects a ts far from it.
            var timestamp = new Timestamp(afterMs + 1_000 + i, TimestampType.CreateTime);
            producer.Produce("transactions", new Message<byte[], byte[]> { Key = "u1"u8.ToArray(), Value = JsonSerializer.SerializeToUtf8Bytes(payment), Timestamp = timestamp });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private async Task WaitForRowAsync(string query, string expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = await Client.QueryAsync(query);
            if (rows.Count > 0 && rows[0][0] == expected)
            {
                return;
            }

            Assert.False(deadline.IsCancellationRequested, $"{query} did not return {expected} within 30 s (last: {string.Join(" | ", rows.Select(r => string.Join(",", r)))})");
            await Task.Delay(200);
        }
    }

    private static long Number(string? text) => long.Parse(text ?? "", NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
