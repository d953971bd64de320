using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Knowledge.Chunking;
using Parley.Knowledge.Extraction;
using Parley.Knowledge.Extraction.Isolation;
using Parley.Knowledge.Files;
using Parley.Knowledge.Ingestion;
using Parley.Storage.Database;
using Parley.Storage.Knowledge;

namespace Parley.Knowledge;

/// <summary>Registers knowledge: its store, the uploaded files (on disk with SQLite, in the database with PostgreSQL), the ingestion queue and the background worker.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>Adds knowledge with its files under <paramref name="dataDirectory"/>; needs <c>ParleyDatabase</c> and a <c>TimeProvider</c>.</summary>
    public static IServiceCollection AddParleyKnowledge(this IServiceCollection services, string dataDirectory)
        => services.AddParleyKnowledge(new KnowledgeOptions { DataDirectory = dataDirectory });

    /// <summary>Adds knowledge with these options (validated here); needs <c>ParleyDatabase</c> and a <c>TimeProvider</c>.</summary>
    public static IServiceCollection AddParleyKnowledge(this IServiceCollection services, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options.Validate());
        services.TryAddSingleton<KnowledgeStore>();
        services.AddSingleton<KnowledgeFileStore>();
        services.AddSingleton<DatabaseKnowledgeFileStore>();
        // On PostgreSQL every node must read every upload: the bytes live in the database. SQLite is one node's own.
        services.AddSingleton<IKnowledgeFileStore>(sp => sp.GetRequiredService<ParleyDatabase>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<DatabaseKnowledgeFileStore>()
            : sp.GetRequiredService<KnowledgeFileStore>());
        services.AddSingleton(new TextChunker());
        services.AddSingleton<PdfReaderProcess>();
        services.AddSingleton<KnowledgeFileReader>();
        services.AddSingleton<KnowledgeIngestionQueue>();
        services.AddSingleton<KnowledgeIngestor>();
        services.AddSingleton<KnowledgeService>();
        services.AddHostedService<KnowledgeIngestionWorker>();
        return services;
    }
}
