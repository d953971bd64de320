namespace Parley.Client.Tests.Infrastructure;

/// <summary>Tests that share one running server.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "live server";
}
