using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>The contract suite on a real PostgreSQL server (fails, never skips, without one).</summary>
public sealed class PostgresPolicyStoreTests : PolicyStoreContract
{
    protected override IStoreFactory CreateFactory() => new PostgresStoreFactory();
}
