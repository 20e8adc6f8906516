namespace RecordAccess.Storage;

/// <summary>The database behind the policy log, chosen by one setting (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite file (the default): WAL journal, synchronous=FULL.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL (production): several servers share one database.</summary>
    Postgres = 2,
}
