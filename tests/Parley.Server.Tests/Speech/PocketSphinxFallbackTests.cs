using Microsoft.Extensions.Logging;
using Parley.Engines.SpeechToText;
using Parley.Server.Engines;

namespace Parley.Server.Tests.Speech;

/// <summary>The server loads PocketSphinx in process, and says so, when the forked mode's helper cannot run.</summary>
public sealed class PocketSphinxFallbackTests
{
    [Fact]
    public async Task Without_its_helper_the_server_hears_in_process_and_warns_how_to_fix_it()
    {
        var logger = new WarningLog();
        var options = new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperPath = "/nonexistent/helper", MinDecoders = 0, MaxDecoders = 1 };

        using var recognizer = EngineHost.LoadRecognizer(options, TimeProvider.System, logger);

        Assert.Equal(PocketSphinxMode.InProcess, recognizer.Mode);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("in the server's process", warning, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", warning, StringComparison.Ordinal);

        // It is a working recogniser, not a placeholder.
        using var stream = await recognizer.OpenStreamAsync();
        Assert.Equal(string.Empty, stream.Complete());
    }

    [Fact]
    public void A_configuration_PocketSphinx_refuses_fails_in_either_mode_and_is_not_hidden_by_the_fallback()
    {
        var logger = new WarningLog();
        var options = new PocketSphinxOptions { Mode = PocketSphinxMode.Forked, HelperPath = "/nonexistent/helper", ModelDirectory = "/nonexistent" };

        Assert.Throws<FileNotFoundException>(() => EngineHost.LoadRecognizer(options, TimeProvider.System, logger));
        Assert.Empty(logger.Warnings);
    }

    private sealed class WarningLog : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
