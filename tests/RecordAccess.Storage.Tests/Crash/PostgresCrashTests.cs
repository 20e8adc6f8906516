using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Crash;

/// <summary>Crash tests on a real PostgreSQL server.</summary>
public sealed class PostgresCrashTests : CrashContract
{
    protected override IStoreFactory CreateFactory() => new PostgresStoreFactory();
}
