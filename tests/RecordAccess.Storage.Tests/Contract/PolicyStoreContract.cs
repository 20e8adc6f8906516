using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;
using RecordAccess.Storage.Tests.Support;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>
/// The one contract suite of the policy store. Every test runs against real SQLite and real PostgreSQL
/// (the two subclasses), each on its own fresh database.
/// </summary>
public abstract partial class PolicyStoreContract : IAsyncLifetime
{
    protected const string Ods = "A81001";
    protected const string OtherOds = "B82002";
    protected static readonly DateTimeOffset Start = new(2024, 10, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _disposables = [];

    protected IStoreFactory Factory { get; private set; } = null!;

    protected PolicyStore Store { get; private set; } = null!;

    protected PolicyState State { get; private set; } = null!;

    protected PolicyAdmin Admin { get; private set; } = null!;

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected static Actor Staff { get; } = Actor.Staff("staff-1", Ods, "R8000");

    protected static ChangeContext Because(string reason = "clinical safety review") => new(Staff, reason);

    protected static string Patient(int i) => TestNhs.Make(i);

    public async Task InitializeAsync()
    {
        Factory = CreateFactory();
        Store = await Factory.OpenAsync();
        State = new PolicyState();
        Admin = new PolicyAdmin(Store, State, Clock);
    }

    public async Task DisposeAsync()
    {
        State.Dispose();
        foreach (var d in _disposables)
        {
            await d.DisposeAsync();
        }

        await Store.DisposeAsync();
        await Factory.DisposeAsync();
    }

    protected abstract IStoreFactory CreateFactory();

    /// <summary>Another server on the same database: its own store instance (connections, locks) and state.</summary>
    protected async Task<PolicyAdmin> OtherServerAsync()
    {
        var store = await PolicyStore.OpenAsync(Factory.Options);
        _disposables.Add(store);
        var admin = new PolicyAdmin(store, new PolicyState(), Clock);
        await admin.CatchUpAsync();
        return admin;
    }

    /// <summary>Two practices and <paramref name="patients"/> adults registered at the first.</summary>
    protected async Task SeedAsync(int patients = 3)
    {
        Ok(await Admin.SetPracticeSettingsAsync(Because("contract switch-on"), Ods, "2023-10-31", optedOut: false));
        Ok(await Admin.SetPracticeSettingsAsync(new ChangeContext(Actor.Supplier("supplier-1"), "other practice"), OtherOds, "2023-10-31", optedOut: false));
        for (var i = 1; i <= patients; i++)
        {
            Ok(await Admin.RegisterPatientAsync(new ChangeContext(Staff, null), Patient(i), Ods, "1980-05-05", "2010-01-01"));
        }
    }

    /// <summary>The whole log replayed into a fresh state: what another server would load at start-up.</summary>
    protected async Task<PolicyState> ReloadAsync()
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in Store.ReadAsync(0))
        {
            events.Add(e);
        }

        return PolicyState.Replay(events, contiguous: true);
    }

    protected async Task<List<RecordedEvent>> AllEventsAsync()
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in Store.ReadAsync(0))
        {
            events.Add(e);
        }

        return events;
    }

    protected static AdminResult Ok(AdminResult result)
    {
        Assert.True(result.Succeeded, "expected success but: " + result);
        return result;
    }
}
