using System.Net;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>An HTTP answer: status, JSON body (default when empty) and headers.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public ApiAnswer AssertStatus(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"expected {(int)expected}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Asserts an error answer: the status and the PROTOCOL.md error body.</summary>
    public ApiAnswer AssertError(HttpStatusCode expected, string error)
    {
        AssertStatus(expected);
        Assert.Equal((int)expected, Body.GetProperty("status_code").GetInt32());
        Assert.Equal(error, Body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Body.GetProperty("message").GetString()));
        Assert.True(Body.GetProperty("retryable").ValueKind is JsonValueKind.True or JsonValueKind.False);
        return this;
    }

    public string Id => Body.GetProperty("id").GetString()!;

    public string String(string property) => Body.GetProperty(property).GetString()!;
}
