using RecordAccess.Core.Policy;
using RecordAccess.Core.Safety;

namespace RecordAccess.Storage.Tests.Contract;

/// <summary>Decisions 0119 and 0120 on both providers: <c>near_miss_events</c> and the log read by time for the near-miss finder.</summary>
public abstract partial class PolicyStoreContract
{
    [Fact]
    public async Task NearMissEvents_WrittenThenRetried_StoredOnceEachAndReadByPracticeAndPeriod()
    {
        var decision = Guid.NewGuid();
        var a = new NearMissEvent(Guid.NewGuid(), new NearMiss(NearMissKind.AuditFailure, Start, Ods, Patient(1), null, "audit down"));
        var b = new NearMissEvent(Guid.NewGuid(), new NearMiss(NearMissKind.StaleStateRefusal, Start.AddHours(1), OtherOds, Patient(2), decision, "stale"));
        var c = new NearMissEvent(Guid.NewGuid(), new NearMiss(NearMissKind.StaleStateRefusal, Start.AddHours(2).ToOffset(TimeSpan.FromHours(1)), null, null, null, "no patient"));

        await Store.WriteNearMissEventsAsync([a, b, c]);
        await Store.WriteNearMissEventsAsync([a]); // a retry after an unknown outcome stores nothing twice

        var all = await ReadNearMissesAsync(null, Start, Start.AddHours(3));
        Assert.Equal([a.Id, b.Id, c.Id], all.OrderBy(e => e.NearMiss.OccurredAt).Select(e => e.Id));
        var readB = Assert.Single(all, e => e.Id == b.Id);
        Assert.Equal(b.NearMiss, readB.NearMiss with { OccurredAt = readB.NearMiss.OccurredAt });
        Assert.Equal(b.NearMiss.OccurredAt.UtcDateTime, readB.NearMiss.OccurredAt.UtcDateTime);
        Assert.Equal([a.Id], (await ReadNearMissesAsync(Ods, Start, Start.AddHours(3))).Select(e => e.Id));
        Assert.Equal([b.Id], (await ReadNearMissesAsync(OtherOds, Start, Start.AddHours(3))).Select(e => e.Id));
        Assert.Equal([b.Id], (await ReadNearMissesAsync(null, Start.AddHours(1), Start.AddHours(2))).Select(e => e.Id));
        Assert.Equal([c.Id], (await ReadNearMissesAsync(null, Start.AddHours(2), Start.AddHours(3))).Select(e => e.Id));
    }

    [Fact]
    public async Task NearMissLog_BatchUndoneAndRedactionLiftedWithinTheWindows_FoundFromTheLogReadByTime()
    {
        await SeedAsync(patients: 3);
        Ok(await Admin.RedactEntryAsync(Because("third party"), Patient(1), "e1"));
        var batch = await Admin.BatchCodeAsync(Because("bulk 104"), Batch([Patient(1), Patient(2), Patient(3)]));
        Assert.True(batch.Succeeded, batch.ToString());
        Clock.Advance(TimeSpan.FromHours(2));
        Ok(await Admin.RecordPatientCodeAsync(Because("batch in error"), Patient(3), NoReview, "2024-10-01"));
        Ok(await Admin.UnredactEntryAsync(Because("hidden in error"), Patient(1), "e1"));
        Clock.Advance(TimeSpan.FromHours(10));
        Ok(await Admin.RedactEntryAsync(Because("third party"), Patient(2), "e2"));

        var events = new List<RecordedEvent>();
        await foreach (var e in Store.ReadEventsRecordedAsync(Start.AddDays(-1), Start.AddDays(1)))
        {
            events.Add(e);
        }

        var later = new List<RecordedEvent>();
        await foreach (var e in Store.ReadEventsRecordedAsync(Start.AddHours(1), Start.AddHours(3)))
        {
            later.Add(e);
        }

        Assert.Equal(State.Version, events.Count);
        Assert.Equal([events[^3].Version, events[^2].Version], later.Select(e => e.Version));
        var found = NearMissLog.Find(events, new NearMissWindows(), Start, Start.AddDays(1), (nhs, _) => Ods);
        Assert.Equal([NearMissKind.BatchRevertedSoon, NearMissKind.HideLiftedSoon], found.Select(m => m.Kind).Order());
        Assert.All(found, m => Assert.Equal(Start.AddHours(2), m.OccurredAt));
        Assert.Contains("undone for 1 of them", Assert.Single(found, m => m.Kind == NearMissKind.BatchRevertedSoon).Detail, StringComparison.Ordinal);
        Assert.Equal(Patient(1), Assert.Single(found, m => m.Kind == NearMissKind.HideLiftedSoon).NhsNumber);

        // With a one-hour window neither counts; a period after the undoing changes holds neither.
        Assert.Empty(NearMissLog.Find(events, new NearMissWindows { BatchRevertedWithin = TimeSpan.FromHours(1), HideLiftedWithin = TimeSpan.FromHours(1) }, Start, Start.AddDays(1), (_, _) => Ods));
        Assert.Empty(NearMissLog.Find(events, new NearMissWindows(), Start.AddHours(3), Start.AddDays(1), (_, _) => Ods));
    }

    private async Task<List<NearMissEvent>> ReadNearMissesAsync(string? ods, DateTimeOffset from, DateTimeOffset to)
    {
        var read = new List<NearMissEvent>();
        await foreach (var e in Store.ReadNearMissEventsAsync(ods, from, to))
        {
            read.Add(e);
        }

        return read;
    }
}
