using Microsoft.Extensions.AI;

namespace Parley.Engines.SpeechToText.OpenAI;

/// <summary>A call's recognition on a transcription server: each utterance is uploaded on its own, so the session holds no connection.</summary>
internal sealed class OpenAIRecognitionSession(OpenAIRecognizer engine, ISpeechToTextClient client, string model, string? language) : IRecognitionSession
{
    public ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IUtteranceRecognition>(new OpenAIUtterance(engine, client, model, language));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
