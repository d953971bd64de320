namespace Parley.Client.Messages;

/// <summary>Credits a message consumed: always 0 on a self-hosted server.</summary>
public sealed record MessageCredits(double Consumed);
