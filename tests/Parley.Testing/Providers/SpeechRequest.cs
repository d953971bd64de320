namespace Parley.Testing.Providers;

/// <summary>A speech request as the loopback server read it.</summary>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Input">The <c>input</c> text.</param>
/// <param name="Voice">The <c>voice</c> field.</param>
/// <param name="ResponseFormat">The <c>response_format</c> field.</param>
public sealed record SpeechRequest(string Model, string Input, string Voice, string? ResponseFormat);
