namespace StreamEngine.Core.Events;

/// <summary>The kinds of storefront clickstream event, in funnel order.</summary>
public enum ClickEventType : byte
{
    PageView,
    Search,
    ProductView,
    AddToCart,
    RemoveFromCart,
    CheckoutStart,
    Purchase,
}
