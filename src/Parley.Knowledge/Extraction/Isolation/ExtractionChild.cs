using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Parley.Knowledge.Extraction.Isolation;

/// <summary>The PDF reader process: reads one file under the limits it is given and writes its pages as JSON lines.</summary>
/// <remarks>
/// Its memory is capped by its parent (<see cref="PdfReaderProcess"/>) through the GC's hard heap limit. PdfPig
/// catches some exceptions itself (a Flate stream that fails to inflate, even for want of memory, is kept raw), so
/// any <see cref="OutOfMemoryException"/> is noticed as it is thrown and reported, whoever caught it.
/// </remarks>
public static class ExtractionChild
{
    /// <summary>The arguments <see cref="Run"/> takes, in order.</summary>
    internal static string[] Arguments(string path, ExtractionLimits limits) =>
    [
        path,
        limits.MaxPages.ToString(CultureInfo.InvariantCulture),
        limits.MaxTextChars.ToString(CultureInfo.InvariantCulture),
        limits.MaxDecompressedBytes.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Reads the PDF named by <paramref name="args"/> and writes the outcome to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, Stream output)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: Parley.Knowledge.Extractor PDF_PATH MAX_PAGES MAX_TEXT_CHARS MAX_DECOMPRESSED_BYTES");
            return 64;
        }

        var outOfMemory = 0;
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (e.Exception is OutOfMemoryException)
            {
                Volatile.Write(ref outOfMemory, 1);
            }
        };

        var limits = new ExtractionLimits(
            int.Parse(args[1], CultureInfo.InvariantCulture),
            int.Parse(args[2], CultureInfo.InvariantCulture),
            long.Parse(args[3], CultureInfo.InvariantCulture));
        var lines = new List<ExtractionLine>();
        try
        {
            using var file = new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            foreach (var page in PdfTextExtractor.Extract(file, limits, CancellationToken.None))
            {
                lines.Add(new ExtractionLine { Page = page.PageNumber, Text = page.Text });
            }

            lines.Add(new ExtractionLine { Done = true });
        }
        catch (ExtractionException ex)
        {
            lines = [new ExtractionLine { Error = ex.Message }];
        }
        catch (IOException)
        {
            lines = [new ExtractionLine { Error = "The uploaded file could not be read from the data folder." }];
        }
        catch (OutOfMemoryException)
        {
            lines = [];
        }

        if (Volatile.Read(ref outOfMemory) == 1)
        {
            lines = [new ExtractionLine { OutOfMemory = true }];
        }

        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 65536, leaveOpen: true);
        foreach (var line in lines)
        {
            writer.WriteLine(JsonSerializer.Serialize(line, ExtractionJsonContext.Default.ExtractionLine));
        }

        return 0;
    }
}
