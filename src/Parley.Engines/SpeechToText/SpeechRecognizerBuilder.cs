namespace Parley.Engines.SpeechToText;

/// <summary>Wraps a recogniser in behaviours, the Microsoft.Extensions.AI way: the first <see cref="Use"/> is the outermost.</summary>
public sealed class SpeechRecognizerBuilder(ISpeechRecognizer inner)
{
    private readonly List<Func<ISpeechRecognizer, ISpeechRecognizer>> _wrappers = [];

    /// <summary>Adds a wrapper around everything added after it.</summary>
    public SpeechRecognizerBuilder Use(Func<ISpeechRecognizer, ISpeechRecognizer> wrapper)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        _wrappers.Add(wrapper);
        return this;
    }

    /// <summary>The wrapped recogniser.</summary>
    public ISpeechRecognizer Build()
    {
        var recognizer = inner;
        for (var i = _wrappers.Count - 1; i >= 0; i--)
        {
            recognizer = _wrappers[i](recognizer);
        }

        return recognizer;
    }
}
