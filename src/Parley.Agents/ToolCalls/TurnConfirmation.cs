using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.ToolCalls;

/// <summary>Lets a reply be prepared before its turn is sure (a speculative reply), with its tools held until it is.</summary>
/// <remarks>
/// <para>
/// A reply started on the user's words as they pause may be thrown away if the user goes on; its text and speech cost
/// nothing to drop, but a tool may act on the world (a webhook, a delegated task). Such a reply carries a confirmation in
/// its <see cref="ChatOptions.AdditionalProperties"/>: the tool invoker waits for it before running a tool, unless the
/// tool is free of side effects (<see cref="ToolEffects"/>), which runs at once.
/// </para>
/// <para>
/// What a tool run early reports (its <c>tool_call</c> statuses) is held back too, in order, until the turn is confirmed,
/// and dropped with the reply otherwise: the client never hears of a reply it was never sent.
/// </para>
/// </remarks>
public sealed class TurnConfirmation
{
    private const string Key = "parley.turn_confirmation";

    private readonly TaskCompletionSource _confirmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task _heldReports = Task.CompletedTask;

    /// <summary>Whether the turn was confirmed: tools run and report as in any reply.</summary>
    public bool IsConfirmed => _confirmed.Task.IsCompletedSuccessfully;

    /// <summary>Completes once the turn is confirmed and every report held until then has been made; cancelled when the reply is dropped.</summary>
    public Task HeldReports
    {
        get
        {
            lock (_gate)
            {
                return _heldReports;
            }
        }
    }

    /// <summary>The user's turn is the one the reply was prepared for: held tools run, held reports are made.</summary>
    public void Confirm() => _confirmed.TrySetResult();

    /// <summary>The reply is dropped: tools waiting never run and held reports are never made. No effect once confirmed.</summary>
    public void Drop() => _confirmed.TrySetCanceled();

    /// <summary>Options for a reply whose tools wait for this confirmation.</summary>
    public ChatOptions Apply(ChatOptions? options)
    {
        var held = options?.Clone() ?? new ChatOptions();
        held.AdditionalProperties = held.AdditionalProperties is { } properties ? new AdditionalPropertiesDictionary(properties) : [];
        held.AdditionalProperties[Key] = this;
        return held;
    }

    /// <summary>The confirmation the reply of these options waits for; null for an ordinary reply.</summary>
    public static TurnConfirmation? Of(ChatOptions? options)
        => options?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as TurnConfirmation : null;

    /// <summary>Whether <paramref name="tool"/> may run now for the reply of <paramref name="options"/>: it is ordinary, confirmed, or the tool has no side effects.</summary>
    public static bool MayRunNow(ChatOptions? options, AITool tool)
        => Of(options) is not { IsConfirmed: false } || ToolEffects.IsFreeOfSideEffects(tool);

    /// <summary>Waits until the reply these options belong to is confirmed and its held reports are made (at once for an ordinary reply).</summary>
    public static async Task WaitAsync(ChatOptions? options, CancellationToken cancellationToken)
    {
        if (Of(options) is { } confirmation)
        {
            await confirmation._confirmed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await confirmation.HeldReports.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes <paramref name="report"/> once the turn is confirmed (at once, in order after any held, when it is).</summary>
    /// <remarks>Never waits: a tool run early hands its result on at once, so the reply is prepared as far as it can be.</remarks>
    public void Report(Func<ValueTask> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            _heldReports = ReportOnceConfirmedAsync(_heldReports, report);
        }
    }

    private async Task ReportOnceConfirmedAsync(Task earlier, Func<ValueTask> report)
    {
        await earlier.ConfigureAwait(false);
        await _confirmed.Task.ConfigureAwait(false);
        await report().ConfigureAwait(false);
    }
}
