using System.Text.Json;

namespace StreamEngine.Core.Events;

/// <summary>Settings shared by the event decoders.</summary>
internal static class EventJson
{
    /// <summary>Strict JSON (no comments, no trailing commas); nesting is bounded so hostile input stays cheap.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };
}
