namespace StreamEngine.Core.Features;

/// <summary>
/// The purchase-intent feature's state over one partition: per (user, category) the recent evidence and last signal,
/// the next sweep time and the reorder buffer. Build one per partition with the feature's options and pass it to
/// <see cref="PurchaseIntent.Build(IObservable{Time.StreamItem{Events.ClickEvent}}, PurchaseIntentStore, int, IObserver{Time.StreamItem{Events.ClickEvent}}?)"/>.
/// </summary>
public sealed class PurchaseIntentStore(FeatureOptions options) : FeatureStore
{
    internal FeatureOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    internal ClickReorderBuffer Buffer { get; } = new();

    internal Dictionary<(ulong User, string Category), IntentEvidence> Evidence { get; } = [];

    internal long NextSweepMs { get; set; } = long.MinValue;

    private protected override byte FormatVersion => 1;

    private protected override void Write(BinaryWriter writer)
    {
        Buffer.Write(writer);
        writer.Write(NextSweepMs);
        writer.WriteCount(Options.IntentThreshold);
        writer.WriteCount(Evidence.Count);
        foreach (var ((user, category), evidence) in Evidence)
        {
            writer.Write(user);
            writer.Write(category);
            writer.Write7BitEncodedInt(evidence.Count);
            writer.Write(evidence.LastMs);
            writer.Write(evidence.LastSignalMs);
            foreach (var timeMs in evidence.Times)
            {
                writer.Write(timeMs);
            }
        }
    }

    private protected override void Read(FeatureStateReader reader)
    {
        Buffer.Read(reader);
        NextSweepMs = reader.ReadInt64();
        var threshold = reader.ReadNonNegative();
        if (threshold != Options.IntentThreshold)
        {
            // The rings hold the last IntentThreshold views: ones of another length cannot be continued.
            throw new InvalidDataException($"The checkpoint was written with IntentThreshold {threshold}; it is now {Options.IntentThreshold}.");
        }

        Evidence.Clear();
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var key = (reader.ReadUInt64(), reader.ReadString());
            var evidence = new IntentEvidence(threshold)
            {
                Count = reader.ReadNonNegative(),
                LastMs = reader.ReadInt64(),
                LastSignalMs = reader.ReadInt64(),
            };
            for (var slot = 0; slot < threshold; slot++)
            {
                evidence.Times[slot] = reader.ReadInt64();
            }

            if (!Evidence.TryAdd(key, evidence))
            {
                throw new InvalidDataException($"Intent evidence for user {key.Item1} and category '{key.Item2}' is listed twice.");
            }
        }
    }
}
