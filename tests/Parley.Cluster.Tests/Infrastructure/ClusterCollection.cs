namespace Parley.Cluster.Tests.Infrastructure;

/// <summary>The tests share one cluster and run one after another: they kill and drain its nodes.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
