namespace Parley.Client.Voice;

/// <summary>How a connection ended: the close the server sent, or the failure that dropped it.</summary>
internal sealed record ConnectionOutcome(ConnectionState State, int? CloseStatus, string? CloseDescription, Exception? Failure)
{
    /// <summary>A short reason for events and errors.</summary>
    public string Reason => Failure is not null
        ? $"connection lost: {Failure.Message}"
        : $"closed by the server ({CloseStatus}{(string.IsNullOrEmpty(CloseDescription) ? string.Empty : $" {CloseDescription}")})";
}
