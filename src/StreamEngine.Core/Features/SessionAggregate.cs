using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Features;

/// <summary>
/// Folds clicks into a <see cref="SessionState"/>: page_view → pages, product_view → products viewed, add_to_cart →
/// cart adds and added value, remove_from_cart → removed value, purchase → purchased value and conversion. Merge is
/// commutative so sessions bridged by a late event give the same result as in-order processing.
/// </summary>
public readonly struct SessionAggregate(CurrencyConverter converter) : IWindowAggregate<ClickEvent, SessionState, SessionState>
{
    public SessionState Initial() => new() { FirstMs = long.MaxValue, LastMs = long.MinValue, FirstEventId = ulong.MaxValue };

    public void Add(ref SessionState state, in ClickEvent input)
    {
        if (input.TimeMs < state.FirstMs || (input.TimeMs == state.FirstMs && input.EventId < state.FirstEventId))
        {
            state.FirstMs = input.TimeMs;
            state.FirstEventId = input.EventId;
            state.EntryChannel = input.Channel;
            state.Country = input.Country;
            state.UserId = input.UserId;
        }

        state.LastMs = Math.Max(state.LastMs, input.TimeMs);
        state.Events++;
        switch (input.Type)
        {
            case ClickEventType.PageView:
                state.Pages++;
                break;
            case ClickEventType.ProductView:
                state.ProductViews++;
                break;
            case ClickEventType.AddToCart:
                state.CartAdds++;
                state.CartAddedMinor += converter.Convert(input.PriceCents * input.Quantity, input.Currency);
                break;
            case ClickEventType.RemoveFromCart:
                state.CartRemovedMinor += converter.Convert(input.PriceCents * input.Quantity, input.Currency);
                break;
            case ClickEventType.Purchase:
                state.Purchases++;
                state.PurchasedMinor += converter.Convert(input.PriceCents * input.Quantity, input.Currency);
                break;
            default:
                break;
        }
    }

    public void Merge(ref SessionState state, in SessionState other)
    {
        if (other.FirstMs < state.FirstMs || (other.FirstMs == state.FirstMs && other.FirstEventId < state.FirstEventId))
        {
            state.FirstMs = other.FirstMs;
            state.FirstEventId = other.FirstEventId;
            state.EntryChannel = other.EntryChannel;
            state.Country = other.Country;
            state.UserId = other.UserId;
        }

        state.LastMs = Math.Max(state.LastMs, other.LastMs);
        state.Events += other.Events;
        state.Pages += other.Pages;
        state.ProductViews += other.ProductViews;
        state.CartAdds += other.CartAdds;
        state.Purchases += other.Purchases;
        state.CartAddedMinor += other.CartAddedMinor;
        state.CartRemovedMinor += other.CartRemovedMinor;
        state.PurchasedMinor += other.PurchasedMinor;
    }

    public SessionState Result(in SessionState state) => state;
}
