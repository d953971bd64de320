namespace Parley.Knowledge.Extraction;

/// <summary>A file whose content cannot be read as its type says; the message is shown to the user as the file's error.</summary>
public sealed class ExtractionException : Exception
{
    public ExtractionException()
    {
    }

    public ExtractionException(string message)
        : base(message)
    {
    }

    public ExtractionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
