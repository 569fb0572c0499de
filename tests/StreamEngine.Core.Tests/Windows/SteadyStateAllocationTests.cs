using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

/// <summary>Once state has grown to its working size, the operators allocate nothing per event.</summary>
public class SteadyStateAllocationTests
{
    private sealed class Source : IObservable<StreamItem<int>>
    {
        public IObserver<StreamItem<int>>? Observer { get; private set; }

        public IDisposable Subscribe(IObserver<StreamItem<int>> observer)
        {
            Observer = observer;
            return System.Reactive.Disposables.Disposable.Empty;
        }
    }

    private sealed class CountingSink : IObserver<StreamItem<WindowResult<int, long>>>
    {
        public long Count;

        public void OnCompleted()
        {
        }

        public void OnError(Exception error) => throw error;

        public void OnNext(StreamItem<WindowResult<int, long>> value) => Count++;
    }

    public static TheoryData<string> Operators => new() { "tumbling", "hopping", "sliding", "session" };

    [Theory]
    [MemberData(nameof(Operators))]
    public void SteadyState_AllocatesNothingPerEvent(string name)
    {
        var source = new Source();
        var sink = new CountingSink();
        var count = new CountAggregate<int>();
        var minute = TimeSpan.FromSeconds(60);
        IObservable<StreamItem<WindowResult<int, long>>> op = name switch
        {
            "tumbling" => source.TumblingWindow(static k => k, count, minute, TimeSpan.FromSeconds(5)),
            "hopping" => source.HoppingWindow(static k => k, count, minute, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)),
            "sliding" => source.SlidingAggregate(static k => k, count, minute),
            _ => source.SessionWindow(static k => k, count, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)),
        };
        op.Subscribe(sink);
        var random = new Random(1);
        var keys = Enumerable.Range(0, 400_000).Select(_ => random.Next(1_000)).ToArray();
        long time = 0;

        void Push(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                time += 2;
                source.Observer!.OnNext(StreamItem.Event(keys[i], time, time - 1_000, i));
            }
        }

        Push(0, 300_000);       // warm-up: dictionaries, pools and queues reach their working size
        var chunks = new long[4];
        for (var c = 0; c < 4; c++)
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            Push(300_000 + (c * 25_000), 325_000 + (c * 25_000));
            chunks[c] = GC.GetAllocatedBytesForCurrentThread() - start;
        }

        var allocated = chunks.Sum();
        Assert.True(sink.Count > 0);
        // Any per-event allocation would be >= 24 B/event (2.4 MB here); allow one-off runtime allocations (tier-up
        // and OSR have been seen to allocate ~8 KB once on a loaded machine).
        Assert.True(allocated < 20_000, $"{name}: {allocated} bytes for 100,000 events ({string.Join(", ", chunks)})");
    }
}
