using Parley.Storage.Files;

namespace Parley.Sessions.Recording;

/// <summary>Where sessions' recordings go, and the settings they are made under; without it nothing is recorded.</summary>
public sealed record SessionRecordings(FileStore Files, IFileContentStore Content, RecordingOptions Options);
