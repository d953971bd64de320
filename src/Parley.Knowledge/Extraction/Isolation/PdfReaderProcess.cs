using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Parley.Knowledge.Extraction.Isolation;

/// <summary>Reads a PDF in a child process whose heap is capped, so no PDF can take the server's memory.</summary>
/// <remarks>
/// PdfPig decodes in memory and holds a page's objects at once; the limits of <see cref="PdfTextExtractor"/> stop the
/// known bombs early with a clear reason, and the child's hard heap limit (<c>DOTNET_GCHeapHardLimit</c>) holds
/// whatever else a hostile file finds. The child gets a bare environment (no keys, no connection strings), is killed
/// when the work is cancelled, and what it writes back is read only up to what the text limit allows.
/// </remarks>
public sealed partial class PdfReaderProcess(KnowledgeOptions options, ILogger<PdfReaderProcess> logger)
{
    /// <summary>The reader program, built beside the server by <c>Parley.Knowledge.Extractor</c>.</summary>
    public const string ExtractorFileName = "Parley.Knowledge.Extractor.dll";

    private const int MaxErrorOutputBytes = 8 * 1024;

    // Variables the dotnet host needs to find the runtime; nothing else of the server's environment is passed on.
    private static readonly string[] InheritedVariables = ["PATH", "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64"];

    /// <summary>Where the reader program is looked for.</summary>
    public static string ExtractorPath { get; } = Path.Combine(AppContext.BaseDirectory, ExtractorFileName);

    /// <summary>The error of a PDF that needs more memory than <see cref="KnowledgeOptions.ExtractionMemoryBytes"/>.</summary>
    public string OutOfMemoryReason
        => $"Reading the PDF needs more than {options.ExtractionMemoryBytes / (1024 * 1024):N0} MB of memory (the limit is Parley:Knowledge:ExtractionMemoryBytes).";

    /// <summary>The pages of the PDF at <paramref name="path"/>; throws <see cref="ExtractionException"/> with the reason when it cannot be read.</summary>
    public async Task<IReadOnlyList<ExtractedPage>> ExtractAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The uploaded file is missing.", path);
        }

        if (DotnetHost.Muxer is not { } muxer || !File.Exists(ExtractorPath))
        {
            LogReaderMissing(logger, ExtractorPath);
            throw new ExtractionException($"The PDF reader ({ExtractorFileName}) is not installed beside the server.");
        }

        var limits = options.ExtractionLimits;
        using var process = new Process { StartInfo = StartInfo(muxer, path, limits) };
        process.Start();
        process.StandardInput.Close();
        var output = new MemoryStream();
        string errors;
        bool tooLong;
        await using (cancellationToken.Register(() => Kill(process)))
        {
            var reading = CopyAtMostAsync(process.StandardOutput.BaseStream, output, MaxOutputBytes(limits));
            var readingErrors = TailAsync(process.StandardError.BaseStream);
            tooLong = !await reading.ConfigureAwait(false);
            if (tooLong)
            {
                Kill(process);
            }

            errors = await readingErrors.ConfigureAwait(false);
            // Killed or not, the child is awaited: no process outlives the file it was started for.
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (tooLong)
        {
            throw new ExtractionException(limits.TooMuchText());
        }

        return Read(output, process.ExitCode, errors, limits);
    }

    private IReadOnlyList<ExtractedPage> Read(MemoryStream output, int exitCode, string errors, ExtractionLimits limits)
    {
        var pages = new List<ExtractedPage>();
        var chars = 0L;
        output.Position = 0;
        using var reader = new StreamReader(output, Encoding.UTF8);
        while (reader.ReadLine() is { } text)
        {
            var line = JsonSerializer.Deserialize(text, ExtractionJsonContext.Default.ExtractionLine)!;
            if (line.OutOfMemory)
            {
                throw new ExtractionException(OutOfMemoryReason);
            }

            if (line.Error is { } error)
            {
                throw new ExtractionException(error);
            }

            if (line.Done)
            {
                return pages;
            }

            chars += line.Text?.Length ?? 0;
            if (chars > limits.MaxTextChars)
            {
                throw new ExtractionException(limits.TooMuchText());
            }

            pages.Add(new ExtractedPage(line.Page, line.Text ?? string.Empty));
        }

        // No verdict: the child died. Out of memory is the one death a hostile PDF is expected to cause.
        if (errors.Contains("OutOfMemory", StringComparison.Ordinal) || errors.Contains("Out of memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExtractionException(OutOfMemoryReason);
        }

        LogReaderFailed(logger, exitCode, errors);
        throw new ExtractionException($"The PDF reader stopped unexpectedly (exit code {exitCode}).");
    }

    private ProcessStartInfo StartInfo(string muxer, string path, ExtractionLimits limits)
    {
        var start = new ProcessStartInfo(muxer)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ExtractorPath);
        foreach (var argument in ExtractionChild.Arguments(path, limits))
        {
            start.ArgumentList.Add(argument);
        }

        var inherited = InheritedVariables.Select(name => (name, value: Environment.GetEnvironmentVariable(name))).ToList();
        start.Environment.Clear();
        foreach (var (name, value) in inherited.Where(v => v.value is not null))
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + options.ExtractionMemoryBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    // JSON may spell a character in up to six bytes (\u001f); each page adds its number and field names.
    private static long MaxOutputBytes(ExtractionLimits limits) => (6L * limits.MaxTextChars) + (64L * limits.MaxPages) + 4096;

    /// <summary>Copies until the end or until more than <paramref name="maxBytes"/> came; false in the second case.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream source, MemoryStream target, long maxBytes)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > maxBytes)
            {
                return false;
            }

            target.Write(buffer, 0, read);
        }

        return true;
    }

    /// <summary>The start of what the child wrote to its standard error (for the log); the rest is read and dropped.</summary>
    private static async Task<string> TailAsync(Stream source)
    {
        var kept = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            kept.Write(buffer, 0, (int)Math.Min(read, Math.Max(0, MaxErrorOutputBytes - kept.Length)));
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The PDF reader {Path} (or the dotnet host to start it) is missing; PDFs cannot be ingested.")]
    private static partial void LogReaderMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PDF reader exited with code {ExitCode} without an answer: {Errors}")]
    private static partial void LogReaderFailed(ILogger logger, int exitCode, string errors);
}
