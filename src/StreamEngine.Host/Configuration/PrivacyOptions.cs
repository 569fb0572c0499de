using StreamEngine.Core;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Host.Configuration;

/// <summary>
/// Pseudonymisation settings (section "StreamEngine:Privacy"). The secret keys the hash that replaces user, session,
/// device, IP and card identifiers; keep it in a secret store (environment or a mounted file), never in appsettings.json.
/// </summary>
internal sealed class PrivacyOptions
{
    public const string Section = "StreamEngine:Privacy";

    /// <summary>Used only when neither <see cref="PseudonymizationSecret"/> nor <see cref="PseudonymizationSecretFile"/> is set.</summary>
    public const string DevelopmentSecret = "streamengine-development-secret-change-me";

    public string PseudonymizationSecret { get; set; } = "";

    /// <summary>A file holding the secret (e.g. a Kubernetes or Docker secret mount); wins over the inline value.</summary>
    public string PseudonymizationSecretFile { get; set; } = "";

    /// <summary>
    /// Personal fields whose raw values may reach ClickHouse (<c>user_id</c>, <c>session_id</c>, <c>device_id</c>,
    /// <c>ip</c>, <c>card_token</c>), through the <c>raw_identifiers</c> table; empty (the default): none.
    /// </summary>
    public List<string> RawColumns { get; } = [];

    /// <summary>The validated <see cref="RawColumns"/>.</summary>
    public IReadOnlyList<PersonalField> RawFields()
    {
        var fields = new List<PersonalField>();
        foreach (var name in RawColumns)
        {
            if (!PersonalFields.TryParse(name, out var field))
            {
                throw new OptionsException(
                    $"{Section}:{nameof(RawColumns)}", $"'{name}' is not a personal-data field (one of {string.Join(", ", PersonalFields.All)})");
            }

            fields.Add(field);
        }

        return fields;
    }

    public string ResolveSecret()
    {
        if (!string.IsNullOrEmpty(PseudonymizationSecretFile))
        {
            return File.ReadAllText(PseudonymizationSecretFile).Trim();
        }

        return string.IsNullOrEmpty(PseudonymizationSecret) ? DevelopmentSecret : PseudonymizationSecret;
    }

    public bool UsesDevelopmentSecret => string.IsNullOrEmpty(PseudonymizationSecretFile) && string.IsNullOrEmpty(PseudonymizationSecret);

    public void Validate()
    {
        _ = RawFields();

        if (!string.IsNullOrEmpty(PseudonymizationSecretFile) && !File.Exists(PseudonymizationSecretFile))
        {
            throw new OptionsException($"{Section}:{nameof(PseudonymizationSecretFile)}", "names a file that does not exist");
        }

        if (!string.IsNullOrEmpty(PseudonymizationSecret) && PseudonymizationSecret.Length < 16)
        {
            throw new OptionsException($"{Section}:{nameof(PseudonymizationSecret)}", "must be at least 16 characters");
        }
    }
}
