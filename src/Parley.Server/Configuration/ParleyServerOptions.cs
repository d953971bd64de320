using Microsoft.Extensions.Configuration;
using Parley.Storage.ApiKeys;
using Parley.Storage.Database;

namespace Parley.Server.Configuration;

/// <summary>Server-wide settings, from <c>Parley:*</c> in appsettings and the <c>PARLEY_*</c> environment variables.</summary>
public sealed record ParleyServerOptions
{
    /// <summary>The address used when neither <c>ASPNETCORE_URLS</c> nor <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    /// <summary>Folder for the database and files (<c>PARLEY_DATA_DIR</c>; default <c>./data</c>).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The bootstrap API key (<c>PARLEY_API_KEY</c>); when absent one is made on first start and printed once.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Folder of downloaded models (<c>PARLEY_MODELS_DIR</c>); when absent, <c>.models</c> is searched for upwards.</summary>
    public string? ModelsDirectory { get; init; }

    /// <summary>The database: SQLite in <see cref="DataDirectory"/>, or PostgreSQL when <c>PARLEY_POSTGRES</c> (or <c>Parley:Storage:Postgres</c>) gives a connection string.</summary>
    public StorageOptions Storage => Postgres is { } connection
        ? new StorageOptions { DataDirectory = DataDirectory, Provider = DatabaseProvider.Postgres, ConnectionString = connection }
        : new StorageOptions { DataDirectory = DataDirectory };

    /// <summary>A PostgreSQL connection string; when absent, SQLite.</summary>
    public string? Postgres { get; init; }

    /// <summary>Throws <see cref="InvalidOperationException"/> with a message for the operator when a setting cannot be used.</summary>
    public void Validate()
    {
        if (ApiKey is { } key && key.Trim().Length < ApiKeyHasher.MinimumConfiguredLength)
        {
            throw new InvalidOperationException(
                $"PARLEY_API_KEY is {key.Trim().Length} characters long; the bootstrap key must have at least {ApiKeyHasher.MinimumConfiguredLength}, "
                + "so it cannot be guessed. Make one with `openssl rand -hex 24`, or leave PARLEY_API_KEY unset and the server makes one on first start.");
        }
    }

    /// <summary>Reads the options: the environment variables win over <c>Parley:*</c>.</summary>
    public static ParleyServerOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Parley");
        return new ParleyServerOptions
        {
            DataDirectory = configuration["PARLEY_DATA_DIR"] ?? section["DataDirectory"] ?? "data",
            ApiKey = NullIfEmpty(configuration["PARLEY_API_KEY"] ?? section["ApiKey"])?.Trim(),
            ModelsDirectory = NullIfEmpty(configuration["PARLEY_MODELS_DIR"] ?? section["ModelsDirectory"]),
            Postgres = NullIfEmpty(configuration["PARLEY_POSTGRES"] ?? section["Storage:Postgres"]),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
