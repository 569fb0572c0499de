using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Inventory;
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
        await using var engine = await LiveEngine.StartAsync(Fixture, Database, Traffic(), eventsPerSecond: 3_000);
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

        // Fraud and safety-stock features are wired on other branches: feed their board entries the way they will.
        engine.Host.Status.RecordRiskyPayment(new FraudScore(
            "txn-<b>42</b>", 0xABCDEF0123456789, 3, 1_000, 99_900, "EUR", 0.97, FraudDecision.Decline, FraudReason.DenyListedCard, FraudReason.None, FraudReason.None, "test", default));
        engine.Host.Status.RecordBelowReorderPoint(new ReplenishmentSignal("SKU-00007", "WH-BER", 1_000, 3, 0, 12.5, 4, 2, 40, AbcClass.A, 0));

        var response = await page.GotoAsync(engine.BaseUrl.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("StreamEngine status", await page.TitleAsync());

        // Live: events consumed and top products appear once windows close (bounded wait, polled by the browser).
        var ready = new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 200 };
        await page.WaitForFunctionAsync(
            """
            () => Number(document.getElementById("consumed").textContent.replace(/,/g, "")) > 0
                && document.querySelectorAll("#top-products tbody td:not(.empty)").length > 0
                && document.getElementById("rate").textContent !== "-"
            """,
            null,
            ready);
        engine.ThrowIfStopped();
        Assert.Equal("live", await page.TextContentAsync("#state"));
        var first = Number(await page.TextContentAsync("#consumed"));
        var firstUpdated = await page.TextContentAsync("#updated");
        Assert.True(first > 0);
        Assert.Equal(3, await page.Locator("#topics tbody tr").CountAsync());
        var topSku = await page.Locator("#top-products tbody tr td").First.TextContentAsync();
        Assert.Matches("^[A-Z0-9-]+$", topSku ?? "");
        Assert.Contains("product_activity", await page.Locator("#pipelines tbody").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.NotEqual(0, await page.Locator("#partitions tbody tr").CountAsync());
        var risky = page.Locator("#risky tbody tr td");
        Assert.Equal("txn-<b>42</b>", await risky.Nth(0).TextContentAsync());
        Assert.Equal("abcdef0123456789", await risky.Nth(1).TextContentAsync());
        Assert.Equal("decline", await risky.Nth(3).TextContentAsync());
        Assert.Equal("rule_deny_listed_card", await risky.Nth(4).TextContentAsync());
        Assert.Equal(0, await page.Locator("#risky b").CountAsync());
        Assert.Equal("SKU-00007", await page.Locator("#stock tbody tr td").First.TextContentAsync());

        // The next refresh (every 2 s) shows more events consumed.
        await page.WaitForFunctionAsync(
            "prev => Number(document.getElementById(\"consumed\").textContent.replace(/,/g, \"\")) > prev",
            first,
            new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 200 });
        var second = Number(await page.TextContentAsync("#consumed"));
        Assert.True(second > first, $"consumed should grow between refreshes: {first} then {second}");
        Assert.NotEqual(firstUpdated, await page.TextContentAsync("#updated"));
        Assert.Matches("^[0-9,]+$", await page.TextContentAsync("#rate") ?? "");

        Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, ".state"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, ".state", "statuspage.png"), FullPage = true });
        Assert.True(consoleErrors.Count == 0, "browser console errors: " + string.Join(" | ", consoleErrors));
    }

    [Fact]
    public async Task StatusJson_WhileConsuming_ReportsTopicsPartitionsWatermarkAndTopProducts()
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
        Assert.Equal(3, topics.Count);
        var partitions = status.GetProperty("partitions").EnumerateArray().ToList();
        Assert.NotEmpty(partitions);
        Assert.All(partitions, p => Assert.True(p.GetProperty("lag").GetInt64() >= 0));
        var products = status.GetProperty("topProducts").GetProperty("products").EnumerateArray().Select(p => p.GetProperty("views").GetInt64()).ToList();
        Assert.True(products.Count <= 10);
        Assert.Equal(products.OrderDescending().ToList(), products);
        var watermark = status.GetProperty("pipelines").EnumerateArray().First(p => p.GetProperty("pipeline").GetString() == "product_activity").GetProperty("watermarkMs").GetInt64();
        Assert.InRange(watermark, Traffic().Start.ToUnixTimeMilliseconds(), (Traffic().Start + Traffic().Duration).ToUnixTimeMilliseconds());
    }

    // Event times span a simulated day, so minute windows close within seconds of wall-clock time.
    private static SimulatorOptions Traffic() => new() { EventCount = 5_000_000, Seed = 5, Users = 2_000, Products = 150 };

    private static long Number(string? text) => long.Parse(text ?? "", NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
