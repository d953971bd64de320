namespace Parley.Storage.Messages;

/// <summary>One spoken (or typed) turn of a conversation's history.</summary>
public sealed record TranscriptLine(string Role, string Text);
