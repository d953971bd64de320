namespace Parley.Testing.Providers;

/// <summary>How a loopback server misbehaves: at most one of these ways, for the requests (or connections) it is set for.</summary>
public sealed record ServerFault
{
    /// <summary>Answer (or refuse the WebSocket upgrade with) this HTTP status and the provider's error body.</summary>
    public int? Status { get; init; }

    /// <summary>Accept, then never answer: the client must give up on its own.</summary>
    public bool Hold { get; init; }

    /// <summary>Answer 200 (or send a message) that is not the documented format.</summary>
    public bool Malformed { get; init; }

    /// <summary>Send this many bytes (HTTP) or messages (WebSocket) of the answer, then nothing more.</summary>
    public int? StallAfter { get; init; }

    /// <summary>Send this many bytes or messages, then drop the connection without closing it.</summary>
    public int? DropAfter { get; init; }

    /// <summary>WebSocket only: close with this status (and <see cref="CloseReason"/>) after <see cref="StallAfter"/>-like counting of <see cref="CloseAfter"/>.</summary>
    public int? CloseStatus { get; init; }

    /// <summary>The reason sent with <see cref="CloseStatus"/>.</summary>
    public string? CloseReason { get; init; }

    /// <summary>When to close with <see cref="CloseStatus"/>: after this many bytes (audio received, for a recogniser) or messages (sent, for a synthesiser).</summary>
    public int CloseAfter { get; init; }
}
