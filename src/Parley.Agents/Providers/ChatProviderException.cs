using System.ClientModel;
using System.Net;

namespace Parley.Agents.Providers;

/// <summary>A language model provider refused or failed a request: an error status, a broken connection, a bad response.</summary>
public sealed class ChatProviderException : Exception
{
    /// <summary>Creates the exception with a message only.</summary>
    public ChatProviderException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ChatProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the provider client's own.</summary>
    public ChatProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The provider's name, as configured.</summary>
    public string? Provider { get; init; }

    /// <summary>The model asked.</summary>
    public string? Model { get; init; }

    /// <summary>The HTTP status the provider answered with, when it answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Translates a provider client's exception, so no vendor type reaches the session.</summary>
    internal static ChatProviderException From(string provider, string model, Exception exception)
    {
        var status = StatusOf(exception);
        var answered = status is { } code ? $"answered HTTP {code}" : "failed";
        // Provider clients write their messages over several lines; one line reads better in logs.
        var detail = string.Join(' ', exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new ChatProviderException($"The language model provider '{provider}' {answered} for model '{model}': {detail}", exception)
        {
            Provider = provider,
            Model = model,
            StatusCode = status,
        };
    }

    private static int? StatusOf(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case ClientResultException { Status: > 0 } result:
                    return result.Status;
                case HttpRequestException { StatusCode: HttpStatusCode code }:
                    return (int)code;
            }
        }

        return null;
    }
}
