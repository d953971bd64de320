using System.Runtime.InteropServices;
using System.Text;

namespace Parley.Engines.SpeechToText;

/// <summary>A C argv (NUL-terminated UTF-8 strings) in native memory that stays put until disposed.</summary>
/// <remarks>
/// <c>cmd_ln_parse_r</c> keys its hash table with the argv pointers themselves, so marshalled strings freed after
/// the call would leave the config pointing at freed memory.
/// </remarks>
internal sealed unsafe class NativeArguments : IDisposable
{
    private bool _disposed;

    public NativeArguments(IReadOnlyList<string> arguments)
    {
        Count = arguments.Count;
        Argv = (byte**)NativeMemory.AllocZeroed((nuint)(Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < Count; i++)
        {
            var length = Encoding.UTF8.GetByteCount(arguments[i]);
            var text = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(arguments[i], new Span<byte>(text, length));
            text[length] = 0;
            Argv[i] = text;
        }
    }

    /// <summary>Number of strings (argc).</summary>
    public int Count { get; }

    /// <summary>The argv array, NULL-terminated.</summary>
    public byte** Argv { get; }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < Count; i++)
        {
            NativeMemory.Free(Argv[i]);
        }

        NativeMemory.Free(Argv);
    }
}
