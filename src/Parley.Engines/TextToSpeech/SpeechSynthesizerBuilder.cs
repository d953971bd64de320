namespace Parley.Engines.TextToSpeech;

/// <summary>Wraps a synthesiser in behaviours, the Microsoft.Extensions.AI way: the first <see cref="Use"/> is the outermost.</summary>
public sealed class SpeechSynthesizerBuilder(ISpeechSynthesizer inner)
{
    private readonly List<Func<ISpeechSynthesizer, ISpeechSynthesizer>> _wrappers = [];

    /// <summary>Adds a wrapper around everything added after it.</summary>
    public SpeechSynthesizerBuilder Use(Func<ISpeechSynthesizer, ISpeechSynthesizer> wrapper)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        _wrappers.Add(wrapper);
        return this;
    }

    /// <summary>The wrapped synthesiser.</summary>
    public ISpeechSynthesizer Build()
    {
        var synthesizer = inner;
        for (var i = _wrappers.Count - 1; i >= 0; i--)
        {
            synthesizer = _wrappers[i](synthesizer);
        }

        return synthesizer;
    }
}
