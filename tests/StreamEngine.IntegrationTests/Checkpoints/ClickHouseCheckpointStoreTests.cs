using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Host.Checkpoints;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>engine_checkpoints on the real server: the newest image per (group, partition), never another group's.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ClickHouseCheckpointStoreTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new SchemaManager(Client).ApplyAsync([CheckpointsTable.Definition]);
    }

    [Fact]
    public async Task Load_ReturnsTheNewestImageOfThePartition()
    {
        var clock = new SettableClock(Noon);
        var store = Store("orders", clock);

        await Task.Run(() =>
        {
            store.Save(0, [1], "first");
            clock.Now += TimeSpan.FromSeconds(30);
            store.Save(0, [2], "second");
            store.Save(1, [9], "other partition");
        });

        Assert.Equal([2], await LoadAsync(Store("orders", clock), 0));
        Assert.Equal([9], await LoadAsync(Store("orders", clock), 1));
        Assert.Null(await LoadAsync(Store("orders", clock), 2));
    }

    [Fact]
    public async Task Load_NeverReturnsAnotherGroupsImage()
    {
        var clock = new SettableClock(Noon);
        await Task.Run(() =>
        {
            Store("orders", clock).Save(0, [1], "orders");
            clock.Now += TimeSpan.FromSeconds(1);
            Store("orders-replay", clock).Save(0, [2], "replay");
            Store("order", clock).Save(1, [3], "prefix of another group");
        });

        Assert.Equal([1], await LoadAsync(Store("orders", clock), 0));
        Assert.Equal([2], await LoadAsync(Store("orders-replay", clock), 0));
        Assert.Null(await LoadAsync(Store("orders", clock), 1));
        Assert.Null(await LoadAsync(Store("unknown", clock), 0));
    }

    [Fact]
    public async Task ImageWrittenByAnInstanceWhoseClockIsBehind_StillWins()
    {
        // The partition moves from an instance at noon to one whose clock is an hour behind: the new owner's images
        // follow the old owner's and must be the ones restored next.
        var ahead = Store("orders", new SettableClock(Noon));
        var behind = Store("orders", new SettableClock(Noon - TimeSpan.FromHours(1)));

        await Task.Run(() => ahead.Save(0, [1], "old owner"));
        Assert.Equal([1], await LoadAsync(behind, 0));
        await Task.Run(() => behind.Save(0, [2], "new owner"));

        Assert.Equal([2], await LoadAsync(Store("orders", new SettableClock(Noon)), 0));
    }

    [Fact]
    public async Task ImagesWrittenInTheSameMillisecond_TheLaterWins()
    {
        var store = Store("orders", new SettableClock(Noon));

        await Task.Run(() =>
        {
            store.Save(0, [1], "periodic");
            store.Save(0, [2], "forced");
        });

        Assert.Equal([2], await LoadAsync(Store("orders", new SettableClock(Noon)), 0));
    }

    [Fact]
    public async Task LargeBinaryImages_RoundTripByteForByte()
    {
        var image = new byte[300_000];
        new Random(5).NextBytes(image);
        var store = Store("orders", TimeProvider.System);

        await Task.Run(() => store.Save(0, image, "large"));

        Assert.Equal(image, await LoadAsync(Store("orders", TimeProvider.System), 0));
    }

    private ClickHouseCheckpointStore Store(string group, TimeProvider clock) => new(Client, group, clock);

    private static Task<byte[]?> LoadAsync(ClickHouseCheckpointStore store, int partition) => Task.Run(() => store.Load(partition));
}
