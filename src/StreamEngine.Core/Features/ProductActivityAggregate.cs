using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Features;

/// <summary>
/// Folds product events into <see cref="ProductActivityState"/>: product_view → views, add_to_cart → carts,
/// checkout_start → checkouts, purchase → purchases (order lines), units (quantity) and revenue (price × quantity,
/// converted). Every event adds its user to the visitor sketch. Other event types are not expected here.
/// </summary>
public readonly struct ProductActivityAggregate(CurrencyConverter converter)
    : IWindowAggregate<ClickEvent, ProductActivityState, ProductActivityState>
{
    public ProductActivityState Initial() => default;

    public void Add(ref ProductActivityState state, in ClickEvent input)
    {
        switch (input.Type)
        {
            case ClickEventType.ProductView:
                state.Views++;
                break;
            case ClickEventType.AddToCart:
                state.AddToCarts++;
                break;
            case ClickEventType.CheckoutStart:
                state.Checkouts++;
                break;
            case ClickEventType.Purchase:
                state.Purchases++;
                state.Units += input.Quantity;
                state.RevenueMinor += converter.Convert(input.PriceCents * input.Quantity, input.Currency);
                break;
            default:
                break;
        }

        state.Visitors.Add(input.UserId);
    }

    public void Merge(ref ProductActivityState state, in ProductActivityState other)
    {
        state.Views += other.Views;
        state.AddToCarts += other.AddToCarts;
        state.Checkouts += other.Checkouts;
        state.Purchases += other.Purchases;
        state.Units += other.Units;
        state.RevenueMinor += other.RevenueMinor;
        state.Visitors.Merge(other.Visitors);
    }

    /// <summary>A copy whose sketch is independent of the live state.</summary>
    public ProductActivityState Result(in ProductActivityState state)
    {
        var copy = state;
        copy.Visitors = state.Visitors.Clone();
        return copy;
    }
}
