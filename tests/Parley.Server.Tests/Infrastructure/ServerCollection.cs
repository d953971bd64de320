namespace Parley.Server.Tests.Infrastructure;

/// <summary>Tests that share one running server (starting one loads the engines, which takes a second).</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
