namespace Parley.Storage.Knowledge;

/// <summary>A file to record with a new knowledge; its id names its bytes in the data folder.</summary>
public sealed record NewKnowledgeFile(string Id, string Name, string MediaType, long SizeBytes);
