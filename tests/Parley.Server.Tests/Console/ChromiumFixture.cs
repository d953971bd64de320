using Microsoft.Playwright;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>Debian's Chromium, headless, driven by Playwright, with a fake microphone that speaks <see cref="FakeMicrophone.Question"/>.</summary>
/// <remarks>
/// Playwright's driver comes inside its NuGet package; the browser is the system's (never a downloaded build).
/// A missing Chromium fails the tests with a message saying how to install it: it is not a reason to skip them.
/// </remarks>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts its launcher; <c>PARLEY_CHROMIUM</c> overrides it.</summary>
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private string? _microphoneFile;

    /// <summary>The browser whose microphone says <see cref="FakeMicrophone.Question"/>.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _microphoneFile = FakeMicrophone.Write();
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_microphoneFile);
    }

    /// <summary>Another Chromium, whose fake microphone plays <paramref name="microphoneFile"/> (a WAV) from the start each time a page opens it.</summary>
    public async Task<IBrowser> LaunchAsync(string microphoneFile)
    {
        var executable = Environment.GetEnvironmentVariable("PARLEY_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. The browser console tests need Debian's chromium package: "
                + "run scripts/setup.sh --for-tests (which installs it), or set PARLEY_CHROMIUM to a Chromium binary.");
        }

        return await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                $"--use-file-for-fake-audio-capture={microphoneFile}%noloop",
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_microphoneFile is not null)
        {
            File.Delete(_microphoneFile);
        }
    }
}
