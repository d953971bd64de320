using System.IO.Compression;
using System.Text;

namespace Parley.Testing.Documents;

/// <summary>PDFs made to hurt a reader, built at test time (never committed): a page whose content inflates a thousandfold.</summary>
public static class HostilePdf
{
    private const int SegmentBytes = 1024 * 1024;

    /// <summary>A one-page PDF whose content stream is <paramref name="mebibytes"/> MiB of zeros, FlateDecode-compressed about 1000:1.</summary>
    /// <remarks>
    /// Built in milliseconds without compressing gigabytes: one MiB of zeros is deflated once, ending on a sync flush
    /// (a byte-aligned block boundary), and that segment is repeated; a final empty block and the Adler-32 of the
    /// zeros close the zlib stream.
    /// </remarks>
    public static byte[] Bomb(int mebibytes) => OnePage(ZerosDeflated(mebibytes));

    /// <summary>A zlib stream of <paramref name="mebibytes"/> MiB of zeros.</summary>
    public static byte[] ZerosDeflated(int mebibytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mebibytes, 1);
        var segment = new MemoryStream();
        var deflate = new DeflateStream(segment, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(new byte[SegmentBytes]);
        deflate.Flush(); // a sync flush: the segment ends on a byte boundary and can be repeated as it is
        var block = segment.ToArray();
        deflate.Dispose();

        var zlib = new MemoryStream((block.Length * mebibytes) + 8);
        zlib.Write([0x78, 0xDA]);
        for (var i = 0; i < mebibytes; i++)
        {
            zlib.Write(block);
        }

        zlib.Write([0x03, 0x00]); // a final, empty block with fixed codes
        var zeros = (long)mebibytes * SegmentBytes;
        var adler = (uint)((zeros % 65521) << 16) | 1u; // for zeros only: a stays 1, b adds 1 per byte
        zlib.Write([(byte)(adler >> 24), (byte)(adler >> 16), (byte)(adler >> 8), (byte)adler]);
        return zlib.ToArray();
    }

    /// <summary>A one-page PDF whose content stream is <paramref name="deflated"/> (already FlateDecode-compressed).</summary>
    public static byte[] OnePage(byte[] deflated)
    {
        var pdf = new MemoryStream();
        var offsets = new long[5];
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.7\n");
        offsets[1] = pdf.Position;
        Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets[2] = pdf.Position;
        Write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets[3] = pdf.Position;
        Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n");
        offsets[4] = pdf.Position;
        Write($"4 0 obj\n<< /Length {deflated.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(deflated);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write("xref\n0 5\n0000000000 65535 f \n");
        for (var i = 1; i <= 4; i++)
        {
            Write($"{offsets[i]:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
