namespace StreamEngine.Core;

/// <summary>A configuration value is wrong; the message names the full configuration key so start-up fails clearly.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException(string key, string problem)
        : base($"Invalid configuration '{key}': {problem}.")
    {
        Key = key;
    }

    public OptionsException()
    {
        Key = "";
    }

    public OptionsException(string message)
        : base(message)
    {
        Key = "";
    }

    public OptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
    }

    /// <summary>The configuration key, e.g. "StreamEngine:Kafka:GroupId".</summary>
    public string Key { get; }
}
