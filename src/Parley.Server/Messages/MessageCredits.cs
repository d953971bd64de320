namespace Parley.Server.Messages;

/// <summary>Credits a message consumed: always 0 on a self-hosted server.</summary>
internal sealed record MessageCredits(double Consumed);
