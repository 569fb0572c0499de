using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

/// <summary>Brute-force window results: every window containing each event, counted directly.</summary>
public static class WindowReference
{
    public static Dictionary<(string, Window), CountSum> Hopping(IEnumerable<(long Time, TestEvent Event)> events, long size, long hop)
    {
        var result = new Dictionary<(string, Window), CountSum>();
        foreach (var (time, e) in events)
        {
            var lastStart = (long)Math.Floor(time / (double)hop) * hop;
            for (var start = lastStart; start > time - size; start -= hop)
            {
                var key = (e.Key, new Window(start, start + size));
                result.TryGetValue(key, out var cs);
                result[key] = new CountSum(cs.Count + 1, cs.Sum + e.Amount);
            }
        }

        return result;
    }
}
