using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Storage.Tests.Contract;

public abstract partial class PolicyStoreContract
{
    private const string Review = "1364731000000104";
    private const string NoReview = "1364751000000106";

    private static BatchCoding Batch(IEnumerable<string> nhsNumbers, string code = Review, bool dryRun = false, bool skipInvalid = false, string? key = null) => new()
    {
        Ods = Ods,
        Code = code,
        EffectiveDate = "2024-10-01",
        Rows = [.. nhsNumbers.Select((n, i) => new BatchRow(i + 2, n))],
        DryRun = dryRun,
        SkipInvalid = skipInvalid,
        IdempotencyKey = key,
    };

    [Fact]
    public async Task BatchCode_ValidRows_OneAtomicAppendAndInForceOnReturn()
    {
        await SeedAsync(patients: 5);
        var before = State.Version;

        var result = await Admin.BatchCodeAsync(Because("batch 104 before switch-on review"), Batch(Enumerable.Range(1, 5).Select(Patient)));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(5, result.PatientsChanged);
        Assert.Equal(5, result.LoseAccessToday);
        Assert.Equal(before + 5, result.Version);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Contains(State.FindPatient(Patient(i))!.Codes, c => c.Code == Review));
        using var reloaded = await ReloadAsync();
        Assert.All(Enumerable.Range(1, 5), i => Assert.Contains(reloaded.FindPatient(Patient(i))!.Codes, c => c.Code == Review));
    }

    [Fact]
    public async Task BatchCode_InvalidRows_WholeBatchRejectedLineByLineAndNothingWritten()
    {
        await SeedAsync(patients: 3);
        await Admin.RegisterPatientAsync(new(Core.Policy.Actor.Supplier("s"), null), Patient(40), OtherOds, "1980-01-01", "2011-01-01");
        var before = await Store.ReadVersionAsync();
        var rows = new[] { Patient(1), TestNhs.WithBadCheckDigit(Patient(2)), Patient(1), Patient(30), Patient(40), "12345", Patient(3) };

        var result = await Admin.BatchCodeAsync(Because(), Batch(rows));

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4, 5, 6, 7], result.InvalidRows.Select(r => r.Line));
        Assert.Contains("modulus-11", result.InvalidRows[0].Message, StringComparison.Ordinal);
        Assert.Contains("duplicate of line 2", result.InvalidRows[1].Message, StringComparison.Ordinal);
        // An unknown patient and another practice's patient get the same row, naming no practice (no existence oracle, DP1).
        Assert.Equal("patient is not registered at this practice", result.InvalidRows[2].Message);
        Assert.Equal(result.InvalidRows[2].Message, result.InvalidRows[3].Message);
        Assert.Contains("10 digits", result.InvalidRows[4].Message, StringComparison.Ordinal);
        Assert.Equal(before, await Store.ReadVersionAsync());
        Assert.DoesNotContain(State.FindPatient(Patient(1))!.Codes, c => c.Code == Review);
    }

    [Fact]
    public async Task BatchCode_SkipInvalid_ValidRowsCommittedInvalidReported()
    {
        await SeedAsync(patients: 3);

        var result = await Admin.BatchCodeAsync(Because(), Batch([Patient(1), TestNhs.WithBadCheckDigit(Patient(2)), Patient(3)], skipInvalid: true));

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.PatientsChanged);
        Assert.Equal([3], result.InvalidRows.Select(r => r.Line));
        Assert.Contains(State.FindPatient(Patient(3))!.Codes, c => c.Code == Review);
        Assert.Empty(State.FindPatient(Patient(2))!.Codes);
    }

    [Fact]
    public async Task BatchCode_SameKeyRetried_SecondIsNoOpWithOriginalVersion()
    {
        await SeedAsync(patients: 3);
        var batch = Batch(Enumerable.Range(1, 3).Select(Patient), key: "import-2024-10-15-001");

        var first = await Admin.BatchCodeAsync(Because(), batch);
        var retry = await Admin.BatchCodeAsync(Because(), batch);
        var otherServerRetry = await (await OtherServerAsync()).BatchCodeAsync(Because(), batch);

        Assert.True(first.Succeeded);
        Assert.True(retry.Replayed);
        Assert.True(otherServerRetry.Replayed);
        Assert.Equal(first.Version, retry.Version);
        Assert.Equal(3, retry.PatientsChanged);
        Assert.Equal(first.Version, await Store.ReadVersionAsync());
        Assert.Single(State.FindPatient(Patient(1))!.Codes);
    }

    [Fact]
    public async Task BatchCode_SameKeyDifferentContent_RejectedAndNothingWritten()
    {
        await SeedAsync(patients: 3);
        Assert.True((await Admin.BatchCodeAsync(Because(), Batch([Patient(1)], key: "k-1"))).Succeeded);
        var before = await Store.ReadVersionAsync();

        var result = await Admin.BatchCodeAsync(Because(), Batch([Patient(2)], key: "k-1"));

        Assert.False(result.Succeeded);
        Assert.Equal("idempotencyKey", Assert.Single(result.Problems).Field);
        Assert.Equal(before, await Store.ReadVersionAsync());
    }

    [Fact]
    public async Task BatchCode_DryRun_ReportsChangesAndAccessCountsAndWritesNothing()
    {
        await SeedAsync(patients: 4);
        Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(1), Review, "2024-01-01"));
        Ok(await Admin.RecordPatientCodeAsync(Because(), Patient(2), NoReview, "2024-10-01"));
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(3)));
        var before = await Store.ReadVersionAsync();

        // 106 on 2024-10-01: patient 1 gains access (104 overridden); 2 already has it (unchanged);
        // 3 stays restricted (changed, no gain); 4 keeps access (changed, no gain).
        var result = await Admin.BatchCodeAsync(Because(), Batch(Enumerable.Range(1, 4).Select(Patient), code: NoReview, dryRun: true));

        Assert.True(result.DryRun);
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.PatientsChanged);
        Assert.Equal(1, result.PatientsUnchanged);
        Assert.Equal(1, result.GainAccessToday);
        Assert.Equal(0, result.LoseAccessToday);
        Assert.Equal(before, await Store.ReadVersionAsync());
        Assert.Equal(before, State.Version);
    }

    [Fact]
    public async Task BatchCode_BadRequestFields_RejectedNamingEach()
    {
        await SeedAsync(patients: 1);
        var before = await Store.ReadVersionAsync();

        var result = await Admin.BatchCodeAsync(NoReason, Batch([Patient(1)]) with { Ods = "A8100", Code = "123", EffectiveDate = "2024-1-1", IdempotencyKey = "" });

        Assert.Equal(["code", "effectiveDate", "idempotencyKey", "ods", "reason"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.False((await Admin.BatchCodeAsync(Because(), Batch([]))).Succeeded);
        Assert.Equal(before, await Store.ReadVersionAsync());
    }
}
