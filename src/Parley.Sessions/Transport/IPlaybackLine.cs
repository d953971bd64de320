namespace Parley.Sessions.Transport;

/// <summary>
/// A connection whose far end plays the agent's audio on a line of its own (a phone call): it confirms what has been
/// played, and can fall silent at once and play again.
/// </summary>
/// <remarks>
/// <para>
/// Positions count samples of agent audio at <see cref="Protocol.AudioFormats.OutputSampleRate"/> along the session's
/// output: every <c>audio</c> frame the session sends, in the order sent, from the first, counting audio that was cut
/// off later too. The connection counts the same frames as they reach it, so both sides agree on every position.
/// </para>
/// <para>
/// A session over such a connection cuts the agent's stored text at what the line confirmed (not at the pacer's
/// estimate), and silences the line as soon as the user starts speaking over the agent; their words then decide
/// whether that was a barge-in (<c>interrupted</c>, and the audio held is dropped) or not (<see cref="Resume"/>).
/// </para>
/// </remarks>
public interface IPlaybackLine
{
    /// <summary>The position up to which the far end has confirmed playing the agent's audio.</summary>
    long Played { get; }

    /// <summary>A piece of agent speech ends at <paramref name="position"/>: have the far end confirm when it has played it (a mark). Called before the piece's audio is sent.</summary>
    void ConfirmWhenPlayed(long position);

    /// <summary>Completes once <see cref="Played"/> reaches <paramref name="position"/>, or the line can confirm no more (it closed).</summary>
    Task WhenPlayedAsync(long position, CancellationToken cancellationToken = default);

    /// <summary>Silences the line at once, keeping what it had not confirmed playing, for <see cref="Resume"/>.</summary>
    void Pause();

    /// <summary>Plays again from the last position confirmed before <see cref="Pause"/>, then what came meanwhile.</summary>
    void Resume();
}
