using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>The contract suite on a real SQLite file.</summary>
public sealed class SqlitePolicyStoreTests : PolicyStoreContract
{
    protected override IStoreFactory CreateFactory() => new SqliteStoreFactory();
}
