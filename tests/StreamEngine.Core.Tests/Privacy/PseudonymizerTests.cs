using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Tests.Privacy;

public sealed class PseudonymizerTests
{
    [Fact]
    public void SipHash24_MatchesReferenceVector()
    {
        // Test vector from the SipHash paper, appendix A: key 00..0f, message 00..0e (15 bytes).
        var message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        var hash = Pseudonymizer.SipHash24(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL, message);
        Assert.Equal(0xa129ca6149be45e5UL, hash);
    }

    [Fact]
    public void SameInputAndSecret_GiveSamePseudonym_DifferentSecret_GivesAnother()
    {
        var a = new Pseudonymizer("secret-a");
        var b = new Pseudonymizer("secret-b");
        Assert.Equal(a.Pseudonymize("user-42"), a.Pseudonymize("user-42"u8));
        Assert.NotEqual(a.Pseudonymize("user-42"), b.Pseudonymize("user-42"));
        Assert.NotEqual(a.Pseudonymize("user-42"), a.Pseudonymize("user-43"));
    }
}
