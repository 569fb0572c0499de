using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace StreamEngine.Core.Privacy;

/// <summary>
/// Turns personal identifiers (user, device, IP, card token) into keyed 64-bit pseudonyms with SipHash-2-4, a keyed PRF
/// built for short inputs: without the secret the pseudonyms cannot be reversed or recomputed from guessed values, and
/// the same input always maps to the same pseudonym, so joins across tables keep working. Thread-safe (immutable).
/// </summary>
public sealed class Pseudonymizer
{
    private readonly ulong _k0;
    private readonly ulong _k1;

    /// <summary>Creates a pseudonymiser from a secret of any length; the 128-bit SipHash key is derived with SHA-256.</summary>
    public Pseudonymizer(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> key = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), key);
        _k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        _k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
    }

    /// <summary>The pseudonym of a UTF-8 identifier. Zero is reserved for "absent", so it is never returned.</summary>
    public ulong Pseudonymize(ReadOnlySpan<byte> value)
    {
        var hash = SipHash24(_k0, _k1, value);
        return hash == 0 ? 1 : hash;
    }

    public ulong Pseudonymize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Pseudonymize(Encoding.UTF8.GetBytes(value));
    }

    // Reference: Aumasson & Bernstein, "SipHash: a fast short-input PRF" (2012), with c = 2 and d = 4 rounds.
    internal static ulong SipHash24(ulong k0, ulong k1, ReadOnlySpan<byte> data)
    {
        ulong v0 = 0x736f6d6570736575UL ^ k0;
        ulong v1 = 0x646f72616e646f6dUL ^ k1;
        ulong v2 = 0x6c7967656e657261UL ^ k0;
        ulong v3 = 0x7465646279746573UL ^ k1;

        var blocks = data.Length / 8;
        for (var i = 0; i < blocks; i++)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 8, 8));
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        ulong last = (ulong)data.Length << 56;
        var tail = data[(blocks * 8)..];
        for (var i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }

        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;
        v2 ^= 0xff;
        for (var i = 0; i < 4; i++)
        {
            Round(ref v0, ref v1, ref v2, ref v3);
        }

        return v0 ^ v1 ^ v2 ^ v3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
    }
}
