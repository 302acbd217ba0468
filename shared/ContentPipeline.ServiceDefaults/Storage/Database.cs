using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ContentPipeline.ServiceDefaults.Storage;

/// <summary>
/// A service's relational store: a SQLite file (embedded mode) or PostgreSQL (distributed mode).
/// Services write SQL that both accept (ON CONFLICT upserts, integers for times and flags) and branch on
/// <see cref="Kind"/> only where the engines really differ.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    private Database(StoreKind kind, string connectionString, NpgsqlDataSource? postgres)
    {
        Kind = kind;
        _connectionString = connectionString;
        _postgres = postgres;
    }

    public StoreKind Kind { get; }

    public static Database Sqlite(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        using (var connection = new SqliteConnection(cs))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            // WAL lets readers (the status API) run while the outbox relay and consumers write.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        return new Database(StoreKind.Sqlite, cs, null);
    }

    /// <summary>Connections one service instance opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultPostgresPoolSize = 20;

    public static Database Postgres(string connectionString)
    {
        // Npgsql's own default (100) lets four busy services exhaust a default PostgreSQL (100 connections) between
        // them; with a smaller pool, consumers wait their turn for a connection instead of being refused one.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size")) builder.MaxPoolSize = DefaultPostgresPoolSize;
        return new(StoreKind.Postgres, builder.ConnectionString, NpgsqlDataSource.Create(builder));
    }

    /// <summary>The store a service is configured with: "{name}.db" in the data directory, or ConnectionStrings:Postgres.</summary>
    public static Database FromConfiguration(PipelineOptions options, IConfiguration configuration, string name) =>
        options.Store == StoreKind.Postgres
            ? Postgres(configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("ContentPipeline:Store is Postgres but ConnectionStrings:Postgres is not set."))
            : Sqlite(options.ResolveDataPath($"{name}.db"));

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(ct);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>SQL for an auto-incrementing 64-bit primary key column.</summary>
    public string IdentityColumn => Kind == StoreKind.Postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
}
