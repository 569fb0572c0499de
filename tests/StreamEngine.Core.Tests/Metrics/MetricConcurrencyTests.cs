using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

public sealed class MetricConcurrencyTests
{
    private const int Threads = 4;
    private const int PerThread = 200_000;

    [Fact]
    public async Task ConcurrentUpdatesWhileScraping_LoseNothing()
    {
        var registry = new MetricRegistry();
        Counter counter = registry.CreateCounterFamily("app_events_total", "e", ["topic"]).WithLabels("clickstream");
        Counter seconds = registry.CreateCounter("app_seconds_total", "s");
        Gauge gauge = registry.CreateGauge("app_inflight", "g");
        Histogram histogram = registry.CreateHistogram("app_latency_seconds", "h", [0.5, 1.5]);
        using var done = new CancellationTokenSource();
        int scrapes = 0;
        var firstScrape = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var scraper = Task.Run(() =>
        {
            // Scrape concurrently with the writers, as the HTTP thread does; every scrape must stay well-formed.
            while (!done.IsCancellationRequested)
            {
                string[] samples = registry.Samples();
                Assert.All(samples, s => Assert.Matches(@"^app_[a-z_]+(\{[^}]*\})? \S+$", s));
                scrapes++;
                firstScrape.TrySetResult();
            }
        });
        await firstScrape.Task; // writers start only once the scraper runs, so they really overlap
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                counter.Inc();
                seconds.Add(0.5);
                gauge.Inc();
                gauge.Dec();
                histogram.Observe(i % 2);
            }
        });
        done.Cancel();
        await scraper;

        Assert.Equal(Threads * PerThread, counter.Value);
        Assert.Equal(Threads * PerThread * 0.5, seconds.Value);
        Assert.Equal(0, gauge.Value);
        Assert.Equal(Threads * PerThread, histogram.Count);
        Assert.Equal(Threads * PerThread / 2, histogram.Sum);
        Assert.Contains($"app_latency_seconds_bucket{{le=\"0.5\"}} {Threads * PerThread / 2}", registry.Samples());
        Assert.True(scrapes > 0);
    }

    [Fact]
    public void ConcurrentWithLabels_CreatesOneSeriesPerLabelSet()
    {
        var registry = new MetricRegistry();
        MetricFamily<Counter> family = registry.CreateCounterFamily("app_total", "x", ["partition"]);
        Counter[][] handles = new Counter[Threads][];
        Parallel.For(0, Threads, t => handles[t] = Enumerable.Range(0, 50).Select(p => family.WithLabels(p.ToString())).ToArray());

        Assert.Equal(50, family.Series.Count);
        for (int t = 1; t < Threads; t++)
        {
            Assert.Equal(handles[0], handles[t]);
        }
    }
}
