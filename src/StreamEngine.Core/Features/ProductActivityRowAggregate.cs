namespace StreamEngine.Core.Features;

/// <summary>
/// <see cref="ProductActivityAggregate"/> for pipelines that turn each window result into a row at once:
/// <see cref="Result"/> hands out the state without cloning its visitor sketch, because
/// <see cref="ProductActivity.ToRow"/> copies the sketch (estimate + sparse export) synchronously, before the window
/// operator touches that state again. Saves a sketch clone (about 90 B and a MemberwiseClone) per emitted row
/// (ProductActivityBenchmarks). Never expose its results to observers that keep them.
/// </summary>
internal readonly struct ProductActivityRowAggregate(CurrencyConverter converter)
    : Aggregates.IWindowAggregate<Events.ClickEvent, ProductActivityState, ProductActivityState>
{
    private readonly ProductActivityAggregate _inner = new(converter);

    public ProductActivityState Initial() => default;

    public void Add(ref ProductActivityState state, in Events.ClickEvent input) => _inner.Add(ref state, input);

    public void Merge(ref ProductActivityState state, in ProductActivityState other) => _inner.Merge(ref state, other);

    public ProductActivityState Result(in ProductActivityState state) => state;
}
