namespace StreamEngine.Core.Privacy;

/// <summary>The names of the <see cref="PersonalField"/>s as they appear in events and configuration.</summary>
public static class PersonalFields
{
    private static readonly string[] Names = ["user_id", "session_id", "device_id", "ip", "card_token"];

    public static IReadOnlyList<string> All => Names;

    public static string Name(PersonalField field) => Names[(int)field];

    public static bool TryParse(string name, out PersonalField field)
    {
        var index = Array.IndexOf(Names, name);
        field = (PersonalField)Math.Max(index, 0);
        return index >= 0;
    }
}
