using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Crash;

/// <summary>Crash tests on a real SQLite file.</summary>
public sealed class SqliteCrashTests : CrashContract
{
    protected override IStoreFactory CreateFactory() => new SqliteStoreFactory();
}
