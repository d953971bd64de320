namespace Parley.Client.Errors;

/// <summary>The error body of every REST failure.</summary>
internal sealed record ApiErrorBody(int StatusCode, string? Error, string? Message, bool Retryable);
