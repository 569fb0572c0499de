namespace StreamEngine.Core.Privacy;

/// <summary>The personal-data fields of the input events; each is pseudonymised unless released raw (docs/data-classification.md).</summary>
public enum PersonalField
{
    UserId,
    SessionId,
    DeviceId,
    Ip,
    CardToken,
}
