using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Tests.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Privacy;

/// <summary>Only the personal fields configured as allowed leave the decoder raw, once per identifier, beside their pseudonym.</summary>
public sealed class RawIdentifierReleaseTests
{
    private readonly Released _released = new();

    [Fact]
    public void AllowedField_IsReleasedWithItsPseudonym_OthersNever()
    {
        var decoder = new ClickEventDecoder(EventSamples.Pseudonymizer, new Utf8Interner(), new DecoderOptions(), Release(PersonalField.UserId));

        Assert.True(decoder.TryDecode(Utf8(Click["page_view"]), KafkaMs, out var click).IsOk);

        Assert.Equal([("user_id", click.UserId, "u-1842")], _released);
        Assert.Equal(H("u-1842"), click.UserId);
    }

    [Fact]
    public void EachIdentifier_IsReleasedOnce()
    {
        var decoder = new ClickEventDecoder(EventSamples.Pseudonymizer, new Utf8Interner(), new DecoderOptions(), Release(PersonalField.UserId, PersonalField.Ip));

        foreach (var sample in Click.Values)
        {
            Assert.True(decoder.TryDecode(Utf8(sample), KafkaMs, out _).IsOk);
        }

        decoder.TryDecode(With(Click["page_view"], "user_id", "\"u-7\""), KafkaMs, out _);

        Assert.Equal(
            [("user_id", H("u-1842"), "u-1842"), ("ip", H("203.0.113.42"), "203.0.113.42"), ("user_id", H("u-7"), "u-7")],
            _released);
    }

    [Fact]
    public void EscapedValue_IsReleasedUnescaped()
    {
        var decoder = new ClickEventDecoder(EventSamples.Pseudonymizer, new Utf8Interner(), new DecoderOptions(), Release(PersonalField.DeviceId));

        decoder.TryDecode(With(Click["page_view"], "device_id", "\"d-\\u00e9\""), KafkaMs, out var click);

        Assert.Equal([("device_id", click.DeviceId, "d-é")], _released);
    }

    [Fact]
    public void PaymentCardToken_IsReleasedWhenAllowed()
    {
        var decoder = new PaymentEventDecoder(EventSamples.Pseudonymizer, new Utf8Interner(), new DecoderOptions(), Release(PersonalField.CardToken, PersonalField.SessionId));

        Assert.True(decoder.TryDecode(Utf8(Payment["authorized"]), KafkaMs, out var payment).IsOk);

        Assert.Equal([("card_token", payment.CardToken, "tok_4242xx"), ("session_id", payment.SessionId, "s-77aa")], _released);
    }

    [Fact]
    public void NoFieldAllowed_NothingIsReleased()
    {
        var decoder = new PaymentEventDecoder(EventSamples.Pseudonymizer, new Utf8Interner(), new DecoderOptions(), Release());

        Assert.True(decoder.TryDecode(Utf8(Payment["authorized"]), KafkaMs, out _).IsOk);

        Assert.Empty(_released);
    }

    [Fact]
    public void PastItsMemory_IdentifiersAreReleasedAgain()
    {
        var release = new RawIdentifierRelease([PersonalField.Ip], _released, remember: 2);

        foreach (var ip in new[] { "a", "b", "a", "c", "a" })
        {
            release.Observe(PersonalField.Ip, H(ip), Utf8(ip));
        }

        Assert.Equal(["a", "b", "c", "a"], _released.Select(r => r.Value));
    }

    [Theory]
    [InlineData("user_id", PersonalField.UserId)]
    [InlineData("session_id", PersonalField.SessionId)]
    [InlineData("device_id", PersonalField.DeviceId)]
    [InlineData("ip", PersonalField.Ip)]
    [InlineData("card_token", PersonalField.CardToken)]
    public void FieldNames_RoundTrip(string name, PersonalField field)
    {
        Assert.True(PersonalFields.TryParse(name, out var parsed));
        Assert.Equal(field, parsed);
        Assert.Equal(name, PersonalFields.Name(field));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("USER_ID")]
    [InlineData("")]
    public void UnknownNames_AreNotPersonalFields(string name) => Assert.False(PersonalFields.TryParse(name, out _));

    private RawIdentifierRelease Release(params PersonalField[] allowed) => new(allowed, _released);

    private sealed class Released : List<(string Field, ulong Pseudonym, string Value)>, IRawIdentifierSink
    {
        public void Write(PersonalField field, ulong pseudonym, string value) => Add((PersonalFields.Name(field), pseudonym, value));
    }
}
