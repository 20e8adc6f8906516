using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>Retries are harmless: idempotency keys on every write, and writes whose end state already holds (decisions A7, A8).</summary>
public abstract partial class PolicyStoreContract
{
    private static readonly ChangeContext Supplier = new(Actor.Supplier("supplier-1"), "feed");

    /// <summary>Each write, with what must hold before it can take effect (its setup), called with an idempotency key.</summary>
    private static readonly Dictionary<string, (Func<PolicyAdmin, Task>? Setup, Func<PolicyAdmin, string?, Task<AdminResult>> Call)> Writes = new()
    {
        ["settings"] = (null, (a, k) => a.SetPracticeSettingsAsync(Because(), Ods, "2024-11-01", true, k)),
        ["register"] = (null, (a, k) => a.RegisterPatientAsync(Supplier, Patient(9), Ods, "1990-01-01", "2020-01-01", k)),
        ["code"] = (null, (a, k) => a.RecordPatientCodeAsync(Because(), Patient(1), Review, "2024-10-01", k)),
        ["restrict"] = (null, (a, k) => a.RestrictPatientAsync(Because(), Patient(1), k)),
        ["lift"] = (a => a.RestrictPatientAsync(Because(), Patient(1)), (a, k) => a.LiftRestrictionAsync(Because(), Patient(1), k)),
        ["raise flag"] = (null, (a, k) => a.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1", k)),
        ["resolve flag"] = (a => a.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1"), (a, k) => a.ResolveSafeguardingFlagAsync(Because(), Patient(1), "f1", k)),
        ["grant"] = (null, (a, k) => a.GrantIndividualAccessAsync(Because(), Patient(1), "2024-10-01", k)),
        ["revoke grant"] = (a => a.GrantIndividualAccessAsync(Because(), Patient(1), "2024-10-01"), (a, k) => a.RevokeIndividualAccessAsync(Because(), Patient(1), k)),
        ["start date"] = (null, (a, k) => a.SetIndividualStartDateAsync(Because(), Patient(1), "2024-12-01", k)),
        ["remove start date"] = (a => a.SetIndividualStartDateAsync(Because(), Patient(1), "2024-12-01"), (a, k) => a.RemoveIndividualStartDateAsync(Because(), Patient(1), k)),
        ["historic"] = (null, (a, k) => a.GrantHistoricAccessAsync(Because(), Patient(1), "2015-01-01", k)),
        ["revoke historic"] = (a => a.GrantHistoricAccessAsync(Because(), Patient(1), "2015-01-01"), (a, k) => a.RevokeHistoricAccessAsync(Because(), Patient(1), k)),
        ["redact"] = (null, (a, k) => a.RedactEntryAsync(Because(), Patient(1), "e1", k)),
        ["unredact"] = (a => a.RedactEntryAsync(Because(), Patient(1), "e1"), (a, k) => a.UnredactEntryAsync(Because(), Patient(1), "e1", k)),
        ["release"] = (null, (a, k) => a.ReleaseEntryAsync(Because(), Patient(1), "e1", k)),
        ["withdraw release"] = (a => a.ReleaseEntryAsync(Because(), Patient(1), "e1"), (a, k) => a.WithdrawReleaseAsync(Because(), Patient(1), "e1", k)),
    };

    /// <summary>The writes that add or set something: repeating one without a key is <see cref="AdminResult.Unchanged"/>.</summary>
    private static readonly string[] Additions = ["settings", "register", "code", "restrict", "raise flag", "grant", "start date", "historic", "redact", "release"];

    public static TheoryData<string> WriteNames => [.. Writes.Keys];

    public static TheoryData<string> AdditionNames => [.. Additions];

    [Theory]
    [MemberData(nameof(WriteNames))]
    public async Task AdminWrite_SameKeyRetried_ReplayedWithOriginalVersionAndOneEvent(string name)
    {
        await SeedAsync(patients: 1);
        var (setup, call) = Writes[name];
        if (setup is not null)
        {
            await setup(Admin);
        }

        var first = Ok(await call(Admin, "retry-" + name));
        var events = (await AllEventsAsync()).Count;
        var retry = Ok(await call(Admin, "retry-" + name));
        var otherServerRetry = Ok(await call(await OtherServerAsync(), "retry-" + name));

        Assert.False(first.Replayed);
        Assert.False(first.Unchanged);
        Assert.True(retry.Replayed);
        Assert.True(otherServerRetry.Replayed);
        Assert.False(retry.Unchanged);
        Assert.Equal(first.Version, retry.Version);
        Assert.Equal(first.Version, otherServerRetry.Version);
        Assert.Equal(events, (await AllEventsAsync()).Count);
        Assert.Equal(first.Version, await Store.ReadVersionAsync());
    }

    [Theory]
    [MemberData(nameof(AdditionNames))]
    public async Task AdminWrite_AlreadyInEffect_UnchangedWithCurrentVersionAndNoEvent(string name)
    {
        await SeedAsync(patients: 1);
        var (_, call) = Writes[name];
        Ok(await call(Admin, null));
        var before = await Store.ReadVersionAsync();
        var stateBefore = State.FindPatient(Patient(1));

        var again = Ok(await call(Admin, null));

        Assert.True(again.Unchanged);
        Assert.False(again.Replayed);
        Assert.Equal(before, again.Version);
        Assert.Equal(before, await Store.ReadVersionAsync());
        Assert.Equivalent(stateBefore, State.FindPatient(Patient(1)));
    }

    [Fact]
    public async Task AdminWrite_SameKeyDifferentContentOrOperationOrActor_StateConflictNamingKeyAndNothingWritten()
    {
        await SeedAsync(patients: 2);
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(1), "k-1"));
        var before = await Store.ReadVersionAsync();
        var otherStaff = new ChangeContext(Actor.Staff("staff-2", Ods, "R8000"), "why");

        var otherPatient = await Admin.RestrictPatientAsync(Because(), Patient(2), "k-1");
        var otherOperation = await Admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1", "k-1");
        var otherActor = await Admin.RestrictPatientAsync(otherStaff, Patient(1), "k-1");
        var batch = await Admin.BatchCodeAsync(Because(), Batch([Patient(2)], key: "k-1"));

        foreach (var refused in new[] { otherPatient, otherOperation, otherActor })
        {
            Assert.Equal(AdminRejection.StateConflict, refused.Rejection);
            Assert.Equal("idempotencyKey", Assert.Single(refused.Problems).Field);
        }

        Assert.Equal(AdminRejection.StateConflict, batch.Rejection);
        Assert.Equal(before, await Store.ReadVersionAsync());
        Assert.False(State.FindPatient(Patient(2))!.Restricted);
    }

    [Fact]
    public async Task AdminWrite_UnchangedWithKey_KeyReservedSoItCannotBeReusedForOtherContent()
    {
        await SeedAsync(patients: 2);
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(1)));
        var version = await Store.ReadVersionAsync();

        var unchanged = Ok(await Admin.RestrictPatientAsync(Because(), Patient(1), "k-2"));
        var reuse = await Admin.RestrictPatientAsync(Because(), Patient(2), "k-2");
        var retry = Ok(await Admin.RestrictPatientAsync(Because(), Patient(1), "k-2"));

        Assert.True(unchanged.Unchanged);
        Assert.Equal(version, unchanged.Version);
        Assert.Equal("idempotencyKey", Assert.Single(reuse.Problems).Field);
        Assert.True(retry.Replayed);
        Assert.True(retry.Unchanged);
        Assert.Equal(version, retry.Version);
        Assert.Equal(version, await Store.ReadVersionAsync());
    }

    [Fact]
    public async Task AdminWrite_RefusedWithKey_KeyStaysFree()
    {
        await SeedAsync(patients: 1);

        var refused = await Admin.LiftRestrictionAsync(Because(), Patient(1), "k-3");
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(1)));
        var lifted = Ok(await Admin.LiftRestrictionAsync(Because(), Patient(1), "k-3"));

        Assert.Equal(AdminRejection.StateConflict, refused.Rejection);
        Assert.False(lifted.Replayed);
        Assert.False(State.FindPatient(Patient(1))!.Restricted);
    }

    [Fact]
    public async Task AdminWrite_RemovalOfSomethingAbsentWithoutKey_StillRefused()
    {
        await SeedAsync(patients: 1);
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1"));
        Ok(await Admin.ResolveSafeguardingFlagAsync(Because(), Patient(1), "f1"));

        var again = await Admin.ResolveSafeguardingFlagAsync(Because(), Patient(1), "f1");

        Assert.Equal(AdminRejection.StateConflict, again.Rejection);
        Assert.Equal("flagId", Assert.Single(again.Problems).Field);
    }

    [Fact]
    public async Task AdminWrite_WithholdingReplayedOnStaleServer_InForceThereBeforeTheAnswer()
    {
        await SeedAsync(patients: 1);
        var other = await OtherServerAsync();
        var original = Ok(await other.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1", "flag-k"));
        Assert.Empty(State.FindPatient(Patient(1))!.SafeguardingFlags);

        var retry = Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), "f1", "flag-k"));

        Assert.True(retry.Replayed);
        Assert.Equal(original.Version, retry.Version);
        Assert.True(State.Version >= original.Version);
        Assert.Equal(["f1"], State.FindPatient(Patient(1))!.SafeguardingFlags);
    }

    [Fact]
    public async Task AdminWrite_SameKeyFromManyServersAtOnce_AppliedExactlyOnce()
    {
        await SeedAsync(patients: 1);
        var servers = new List<PolicyAdmin> { Admin };
        for (var i = 0; i < 3; i++)
        {
            servers.Add(await OtherServerAsync());
        }

        var before = await Store.ReadVersionAsync();
        var results = await Task.WhenAll(servers.Select(s => s.RestrictPatientAsync(Because(), Patient(1), "concurrent-k")));

        Assert.All(results, r => Ok(r));
        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(before + 1, r.Version));
        Assert.Equal(before + 1, await Store.ReadVersionAsync());
    }

    [Fact]
    public async Task GrantIndividualAccess_GrantOfAnotherDateExists_RefusedNamingItAndNothingWritten()
    {
        await SeedAsync(patients: 1);
        Ok(await Admin.GrantIndividualAccessAsync(Because(), Patient(1), "2024-10-01"));
        var before = await Store.ReadVersionAsync();

        var second = await Admin.GrantIndividualAccessAsync(Because(), Patient(1), "2024-09-01");
        var historic = Ok(await Admin.GrantHistoricAccessAsync(Because(), Patient(1), "2015-01-01"));
        var otherHistoric = await Admin.GrantHistoricAccessAsync(Because(), Patient(1), "2010-01-01");

        Assert.Equal(AdminRejection.StateConflict, second.Rejection);
        var problem = Assert.Single(second.Problems);
        Assert.Equal("grantDate", problem.Field);
        Assert.Contains("2024-10-01", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 10, 1), State.FindPatient(Patient(1))!.IndividualGrantDate);
        Assert.Equal(AdminRejection.StateConflict, otherHistoric.Rejection);
        Assert.Equal("fromDate", Assert.Single(otherHistoric.Problems).Field);
        Assert.Equal(before + 1, historic.Version);
        Assert.Equal(historic.Version, await Store.ReadVersionAsync());
    }

    [Fact]
    public async Task RecordPatientCode_SameCodeAndDateAsBatch_BothCallItUnchanged()
    {
        await SeedAsync(patients: 1);
        Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(1), Review, "2024-10-01"));
        var before = await Store.ReadVersionAsync();

        var single = Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(1), Review, "2024-10-01"));
        var batch = await Admin.BatchCodeAsync(Because(), Batch([Patient(1)]));

        Assert.True(single.Unchanged);
        Assert.True(batch.Succeeded);
        Assert.Equal(1, batch.PatientsUnchanged);
        Assert.Equal(0, batch.PatientsChanged);
        Assert.Equal(before, await Store.ReadVersionAsync());
    }

    [Fact]
    public async Task BatchCode_ChangesNothingWithKey_KeyReservedAgainstAnotherBatch()
    {
        await SeedAsync(patients: 2);
        Assert.True((await Admin.BatchCodeAsync(Because(), Batch([Patient(1)]))).Succeeded);
        var before = await Store.ReadVersionAsync();

        var nothing = await Admin.BatchCodeAsync(Because(), Batch([Patient(1)], key: "batch-k"));
        var other = await Admin.BatchCodeAsync(Because(), Batch([Patient(2)], key: "batch-k"));
        var retry = await Admin.BatchCodeAsync(Because(), Batch([Patient(1)], key: "batch-k"));

        Assert.True(nothing.Succeeded);
        Assert.Equal(0, nothing.PatientsChanged);
        Assert.Equal(AdminRejection.StateConflict, other.Rejection);
        Assert.Equal("idempotencyKey", Assert.Single(other.Problems).Field);
        Assert.True(retry.Replayed);
        Assert.Equal(0, retry.PatientsChanged);
        Assert.Equal(before, await Store.ReadVersionAsync());
        Assert.DoesNotContain(State.FindPatient(Patient(2))!.Codes, c => c.Code == Review);
    }
}
