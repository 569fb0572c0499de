namespace StreamEngine.Core.Simulation;

/// <summary>The topic-specific fields of each record type.</summary>
internal sealed partial class RecordWriter
{
    private void WriteClick(in PendingEvent e)
    {
        WriteId("user_id"u8, "u"u8, e.User);
        WriteId("session_id"u8, "s"u8, e.Session);
        WriteId("device_id"u8, "d"u8, e.Device);
        WriteIp("ip"u8, e.Ip);
        _json.WriteString("country"u8, _countries[e.Country].Code);
        _json.WriteString("channel"u8, ChannelNames[e.Channel]);
        if (Referrers[e.Channel] is { } referrer)
        {
            _json.WriteString("referrer"u8, referrer);
        }

        switch (e.Kind)
        {
            case SimKind.Search:
                _json.WriteString("query"u8, _catalog.Queries[e.Query]);
                if (e.Category >= 0)
                {
                    _json.WriteString("category"u8, _catalog.Categories[e.Category]);
                }

                break;
            case SimKind.ProductView or SimKind.AddToCart or SimKind.RemoveFromCart or SimKind.Purchase:
                _json.WriteString("sku"u8, _catalog.Skus[e.Sku]);
                _json.WriteString("category"u8, _catalog.Categories[_catalog.CategoryOf[e.Sku]]);
                WriteMoney("price"u8, e.PriceCents);
                _json.WriteString("currency"u8, _countries[e.Currency].Currency);
                if (e.Kind != SimKind.ProductView)
                {
                    _json.WriteNumber("quantity"u8, e.Quantity);
                }

                if (e.Kind == SimKind.Purchase)
                {
                    WriteId("order_id"u8, "o"u8, e.Order);
                }

                break;
            case SimKind.CheckoutStart:
                WriteMoney("cart_value"u8, e.AmountCents);
                _json.WriteString("currency"u8, _countries[e.Currency].Currency);
                break;
            default:
                break;
        }
    }

    private void WriteTransaction(in PendingEvent e)
    {
        if (e.Kind == SimKind.Payment)
        {
            _json.WriteString("status"u8, e.Declined ? "declined"u8 : "authorized"u8);
        }

        WriteId("txn_id"u8, "t"u8, e.Txn);
        WriteId("order_id"u8, "o"u8, e.Order);
        WriteId("user_id"u8, "u"u8, e.User);
        WriteId("card_token"u8, "tok_"u8, e.Card);
        WriteMoney("amount"u8, e.AmountCents);
        _json.WriteString("currency"u8, _countries[e.Currency].Currency);
        if (e.Kind != SimKind.Payment)
        {
            _json.WriteString("reason"u8, e.Kind == SimKind.Chargeback ? "fraud"u8 : "customer_request"u8);
            return;
        }

        _json.WriteStartArray("items"u8);
        foreach (var line in e.Lines!)
        {
            _json.WriteStartObject();
            _json.WriteString("sku"u8, _catalog.Skus[line.Sku]);
            _json.WriteNumber("qty"u8, line.Quantity);
            WriteMoney("price"u8, line.PriceCents);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        WriteIp("ip"u8, e.Ip);
        WriteId("device_id"u8, "d"u8, e.Device);
        _json.WriteString("billing_country"u8, _countries[e.BillingCountry].Code);
        _json.WriteString("shipping_country"u8, _countries[e.ShippingCountry].Code);
        _json.WriteString("ip_country"u8, _countries[e.Country].Code);
        if (e.Session > 0)
        {
            WriteId("session_id"u8, "s"u8, e.Session);
        }

        if (!double.IsNaN(e.Lat))
        {
            _json.WriteNumber("lat"u8, e.Lat);
            _json.WriteNumber("lon"u8, e.Lon);
        }
    }

    private void WriteInventory(in PendingEvent e)
    {
        var offset = WarehouseOffsetMinutes[e.Warehouse % 3];
        if (e.Kind is SimKind.ShipmentDispatched or SimKind.ShipmentDelivered)
        {
            WriteId("shipment_id"u8, "sh"u8, e.Shipment);
            _json.WriteString("warehouse"u8, _warehouses[e.Warehouse]);
            _json.WriteString("carrier"u8, Carriers[e.Carrier]);
            _json.WriteString("destination_country"u8, _countries[e.Country].Code);
            if (e.Kind == SimKind.ShipmentDelivered)
            {
                WriteTime("dispatched_at"u8, e.DispatchedAtMs, e.Iso, offset);
            }

            WriteTime("promised_at"u8, e.PromisedAtMs, e.Iso, offset);
            WriteId("order_id"u8, "o"u8, e.Order);
            return;
        }

        _json.WriteString("sku"u8, _catalog.Skus[e.Sku]);
        _json.WriteString("warehouse"u8, _warehouses[e.Warehouse]);
        switch (e.Kind)
        {
            case SimKind.StockSnapshot:
                _json.WriteNumber("on_hand"u8, e.Value);
                break;
            case SimKind.Adjustment:
                _json.WriteNumber("delta"u8, e.Value);
                _json.WriteString("reason"u8, AdjustmentReasons[e.Reason]);
                break;
            default:
                _json.WriteString("supplier"u8, _suppliers[e.Supplier]);
                _json.WriteNumber("quantity"u8, e.Value);
                WriteId("po_id"u8, "po"u8, e.Po);
                WriteTime("ordered_at"u8, e.OrderedAtMs, e.Iso, offset);
                if (e.Kind == SimKind.PurchaseOrder)
                {
                    WriteTime("expected_at"u8, e.ExpectedAtMs, e.Iso, offset);
                }
                else
                {
                    WriteTime("received_at"u8, e.TimeMs, e.Iso, offset);
                }

                break;
        }
    }
}
