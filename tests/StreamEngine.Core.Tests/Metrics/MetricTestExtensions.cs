using System.Buffers;
using System.Text;
using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

internal static class MetricTestExtensions
{
    public static string Scrape(this MetricRegistry registry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        registry.WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The sample lines (no comments) of a scrape.</summary>
    public static string[] Samples(this MetricRegistry registry) =>
        registry.Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
}
