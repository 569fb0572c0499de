using System.Globalization;
using StreamEngine.Core;

namespace StreamEngine.Host.Commands;

/// <summary>Splits a verb's arguments into its own flags (--events 1000) and configuration switches (--StreamEngine:...).</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _flags;

    private CommandLine(Dictionary<string, string?> flags) => _flags = flags;

    public static (CommandLine Flags, List<string> Switches) Split(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        var switches = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--StreamEngine:", StringComparison.Ordinal) || arg.StartsWith("--StreamEngine__", StringComparison.Ordinal))
            {
                switches.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    switches.Add(args[++i]);
                }

                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            flags[name] = value;
        }

        return (new CommandLine(flags), switches);
    }

    public bool Has(string name) => _flags.ContainsKey(name);

    public string? Get(string name) => _flags.GetValueOrDefault(name);

    public string Require(string name) =>
        Get(name) ?? throw new OptionsException($"--{name}", "is required");

    public long GetInt64(string name, long defaultValue)
    {
        var text = Get(name);
        if (text is null)
        {
            return defaultValue;
        }

        return long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new OptionsException($"--{name}", $"'{text}' is not a non-negative whole number");
    }

    public IEnumerable<string> Names => _flags.Keys;
}
