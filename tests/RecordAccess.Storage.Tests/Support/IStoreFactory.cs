namespace RecordAccess.Storage.Tests.Support;

/// <summary>A fresh, empty database of one provider per test; disposing deletes it.</summary>
public interface IStoreFactory : IAsyncDisposable
{
    StorageOptions Options { get; }

    Task<PolicyStore> OpenAsync();
}
