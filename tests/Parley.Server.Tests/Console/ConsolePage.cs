using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The console open in a fresh browser context: collects console and page errors, takes screenshots, waits on page state.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly Func<string, bool> _expectedError;
    private readonly List<string> _errors = [];
    private readonly List<string> _log = [];

    private ConsolePage(IBrowserContext context, IPage page, ITestOutputHelper output, Func<string, bool> expectedError)
    {
        _context = context;
        Page = page;
        _output = output;
        _expectedError = expectedError;
        page.Console += (_, message) => Record(message.Type, message.Text);
        page.PageError += (_, error) => Record("pageerror", error);
    }

    public IPage Page { get; }

    /// <summary>Opens the console at <paramref name="server"/>'s <c>/</c>; <paramref name="expectedError"/> names console errors the test provokes on purpose.</summary>
    public static Task<ConsolePage> OpenAsync(ChromiumFixture chromium, Uri server, ITestOutputHelper output, Func<string, bool>? expectedError = null)
        => OpenAsync(chromium.Browser, server, output, expectedError);

    /// <summary>Opens the console in <paramref name="browser"/>; <paramref name="initScript"/>, if any, runs in the page before its own scripts.</summary>
    public static async Task<ConsolePage> OpenAsync(IBrowser browser, Uri server, ITestOutputHelper output, Func<string, bool>? expectedError = null, string? initScript = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            Permissions = ["microphone"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 960 },
        });
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page, output, expectedError ?? (_ => false));
        if (initScript is not null)
        {
            await page.AddInitScriptAsync(initScript);
        }

        await page.GotoAsync("/");
        return console;
    }

    public ILocator Locator(string selector, string? hasText = null)
        => Page.Locator(selector, hasText is null ? null : new PageLocatorOptions { HasText = hasText });

    public async Task SignInAsync(string key)
    {
        await Locator("#api-key").FillAsync(key);
        await Locator("#signin-form button[type=submit]").ClickAsync();
        await Assertions.Expect(Locator("#talk-panel")).ToBeVisibleAsync();
        await Assertions.Expect(Locator("#agent-picker option")).Not.ToHaveCountAsync(0);
    }

    public Task ShowPanelAsync(string name) => Locator($"#tabs button[data-panel={name}]").ClickAsync();

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(ArtifactsFolder.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"screenshot: {path}");
    }

    /// <summary>Waits until the JavaScript <paramref name="condition"/> holds; on timeout, fails with the page's state and log.</summary>
    public async Task WaitForAsync(string condition, string what)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {Patience.TotalSeconds:F0} s waiting for {what}. Page state: {await StateAsync()}. Console: {string.Join(" | ", Snapshot(_log))}");
        }
    }

    /// <summary>The page's <c>window.parleyConsole</c>.</summary>
    public async Task<JsonElement> StateAsync() => await Page.EvaluateAsync<JsonElement>("() => JSON.parse(JSON.stringify(window.parleyConsole))");

    /// <summary>Fails when the page logged a console error or threw, other than those the test expected.</summary>
    public void AssertNoErrors()
    {
        var errors = Snapshot(_errors);
        Assert.True(errors.Count == 0, "The page logged errors: " + string.Join(" | ", errors));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private void Record(string type, string text)
    {
        var line = $"[{type}] {text}";
        lock (_log)
        {
            _log.Add(line);
        }

        try
        {
            _output.WriteLine("browser " + line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; the line is still in the log.
        }

        if (type is "error" or "pageerror" && !_expectedError(text))
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }
}
