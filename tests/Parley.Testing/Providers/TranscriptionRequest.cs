namespace Parley.Testing.Providers;

/// <summary>A transcription upload as the loopback server read it.</summary>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Language">The <c>language</c> field, if sent.</param>
/// <param name="ResponseFormat">The <c>response_format</c> field, if sent.</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="Samples">The WAV's samples.</param>
/// <param name="SampleRate">The WAV's rate.</param>
public sealed record TranscriptionRequest(string Model, string? Language, string? ResponseFormat, string FileName, short[] Samples, int SampleRate);
