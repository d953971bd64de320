namespace Parley.Server.Api;

/// <summary>The JSON error body of every REST failure (PROTOCOL.md section 4).</summary>
public sealed record ApiError(int StatusCode, string Error, string Message, bool Retryable);
