using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Events;
using RecordAccess.Storage.Tests.Policy;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>
/// Projection snapshots in the real store (decision 0100): a joining server loads the latest usable snapshot plus the log
/// after it, and gets exactly the full replay; a snapshot that is corrupt, of another format or newer than the log is
/// ignored and the whole log replayed (fail closed to the slow path).
/// </summary>
public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task Snapshot_PlusTail_LoadsExactlyTheFullReplay()
    {
        await SeedAsync(5);
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), "flag-1"));
        Ok(await Admin.RedactEntryAsync(Because(), Patient(2), "entry-1"));
        var image = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(image);

        Ok(await Admin.ResolveSafeguardingFlagAsync(Because(), Patient(1), "flag-1"));
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(3)));
        Ok(await Admin.RegisterPatientAsync(new ChangeContext(Staff, null), Patient(9), Ods, "1990-01-01", "2020-01-01"));

        var fromSnapshot = await PolicyLoader.LoadWithReportAsync(Store, Store);
        using var replayed = (await PolicyLoader.LoadWithReportAsync(Store, null)).State;
        using var state = fromSnapshot.State;
        Assert.Equal(image.Version, fromSnapshot.SnapshotVersion);
        Assert.Null(fromSnapshot.SnapshotProblem);
        Assert.True(state.Version > image.Version);
        Assert.Equal(PolicySnapshotPropertyTests.Describe(replayed), PolicySnapshotPropertyTests.Describe(state));
        Assert.Equal(PolicySnapshotPropertyTests.Describe(State), PolicySnapshotPropertyTests.Describe(state));
        Assert.False(state.FindPatient(Patient(1))!.SafeguardingFlags.Any());
        Assert.True(state.FindPatient(Patient(3))!.Restricted);
    }

    [Fact]
    public async Task Snapshot_RoundTripsThroughTheStore_AndOnlyTheNewestKeepAreKept()
    {
        await SeedAsync(2);
        var first = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(first, keep: 2);
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(1)));
        var second = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(second, keep: 2);
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(2)));
        var third = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(third, keep: 2);
        await Store.WriteSnapshotAsync(third, keep: 2); // again: replaces, no duplicate key

        var read = await Store.ReadLatestSnapshotAsync(PolicySnapshot.Format, long.MaxValue);
        Assert.NotNull(read);
        Assert.Equal(third.Version, read.Version);
        Assert.Equal(third.Parts.SelectMany(p => p), read.Parts.SelectMany(p => p));
        Assert.Equal(third.Version, await Store.ReadLatestSnapshotVersionAsync(PolicySnapshot.Format));
        Assert.Equal(second.Version, (await Store.ReadLatestSnapshotAsync(PolicySnapshot.Format, third.Version - 1))!.Version);
        Assert.Null(await Store.ReadLatestSnapshotAsync(PolicySnapshot.Format, second.Version - 1)); // the first was deleted
        Assert.Null(await Store.ReadLatestSnapshotVersionAsync(PolicySnapshot.Format + 1));
    }

    [Fact]
    public async Task CorruptSnapshot_IsIgnored_WholeLogReplayed()
    {
        await SeedAsync(3);
        Ok(await Admin.RaiseSafeguardingFlagAsync(Because(), Patient(1), "flag-1"));
        var image = PolicySnapshot.Capture(State);
        var parts = image.Parts.Select(p => p.ToArray()).ToArray();
        parts[^1][parts[^1].Length / 2] ^= 0x40;
        await Store.WriteSnapshotAsync(image with { Parts = parts });

        await AssertIgnoredAsync("SHA-256");
    }

    [Fact]
    public async Task SnapshotWithAPartMissing_IsIgnored_WholeLogReplayed()
    {
        await SeedAsync(3);
        var image = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(image with { Parts = [image.Parts[0]] });

        await AssertIgnoredAsync("SHA-256");
    }

    [Fact]
    public async Task SnapshotOfAnotherFormat_IsIgnored_WholeLogReplayed()
    {
        await SeedAsync(3);
        var image = PolicySnapshot.Capture(State);

        // A row of another format is never read; a row claiming this format over another header is refused.
        await Store.WriteSnapshotAsync(image with { Format = PolicySnapshot.Format + 1 });
        await AssertIgnoredAsync(null);

        var header = image.Parts[0].ToArray();
        BitConverter.TryWriteBytes(header.AsSpan(4), PolicySnapshot.Format + 1);
        await Store.WriteSnapshotAsync(image with { Parts = [header, .. image.Parts.Skip(1)] });
        await AssertIgnoredAsync("format");
    }

    [Fact]
    public async Task SnapshotNewerThanTheLog_IsIgnored_OlderGoodOneUsed()
    {
        await SeedAsync(3);
        var good = PolicySnapshot.Capture(State);
        await Store.WriteSnapshotAsync(good);
        Ok(await Admin.RestrictPatientAsync(Because(), Patient(2)));

        // A snapshot from a longer log (another database, or a log restored from an older backup): it holds a flag this log never had.
        using var longer = PolicyState.Replay(await AllEventsAsync(), contiguous: true);
        longer.Apply(new RecordedEvent(longer.Version + 1, new PolicyEvent(Start, Staff, "not in this log", new SafeguardingFlagRaised(Patient(1), "ghost"))));
        await Store.WriteSnapshotAsync(PolicySnapshot.Capture(longer));

        var loaded = await PolicyLoader.LoadWithReportAsync(Store, Store);
        using var state = loaded.State;
        using var replayed = await ReloadAsync();
        Assert.Equal(good.Version, loaded.SnapshotVersion);
        Assert.Equal(PolicySnapshotPropertyTests.Describe(replayed), PolicySnapshotPropertyTests.Describe(state));
        Assert.Empty(state.FindPatient(Patient(1))!.SafeguardingFlags);

        // Without the older one, nothing usable: the whole log.
        await Store.WriteSnapshotAsync(PolicySnapshot.Capture(longer), keep: 1);
        await AssertIgnoredAsync(null);
    }

    /// <summary>Loading with snapshots used no snapshot (and says why when <paramref name="problem"/> is given) and equals the full replay.</summary>
    private async Task AssertIgnoredAsync(string? problem)
    {
        var loaded = await PolicyLoader.LoadWithReportAsync(Store, Store);
        using var state = loaded.State;
        using var replayed = await ReloadAsync();
        Assert.Null(loaded.SnapshotVersion);
        if (problem is null)
        {
            Assert.Null(loaded.SnapshotProblem);
        }
        else
        {
            Assert.Contains(problem, loaded.SnapshotProblem, StringComparison.Ordinal);
        }

        Assert.Equal(PolicySnapshotPropertyTests.Describe(replayed), PolicySnapshotPropertyTests.Describe(state));
        Assert.Equal(PolicySnapshotPropertyTests.Describe(State), PolicySnapshotPropertyTests.Describe(state));
    }
}
