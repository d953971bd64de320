namespace Parley.Protocol;

/// <summary>Speaker roles used in transcripts.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Agent = "agent";
}
