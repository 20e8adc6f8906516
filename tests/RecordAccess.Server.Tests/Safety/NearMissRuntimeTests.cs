using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Safety;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Safety;

/// <summary>
/// Decision 0119: the runtime near misses, which are not in the audit, caused for real on the real host (its SQLite store
/// broken under it): an audit failure answered UNAVAILABLE while <c>near_miss_events</c> cannot be written either is kept
/// in memory, stored once the store is back, and listed by another server on the same store; a refusal because the
/// state may be stale is listed for the patient's practice only. Both are counted on the gate's meter.
/// </summary>
public sealed class NearMissRuntimeTests
{
    private const string Nhs = "9434765919"; // a demo patient of AdminCalls.Practice

    [Fact]
    public async Task AuditFailure_StoreDownForAuditAndNearMisses_KeptInMemoryStoredWhenBackListedByAnotherServer()
    {
        using var counted = new KindCounter();
        using var host = new AdminHost();
        using var grpc = host.CreateGrpcClient();
        var supplier = "Bearer " + host.Supplier(["gate.evaluate"], AdminCalls.Practice);
        Assert.Equal(0, (await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier)).StatusCode);
        var recorder = host.Services.GetRequiredService<NearMissRecorder>();
        var started = DateTimeOffset.UtcNow;

        await ExecuteAsync(host.StorePath, "ALTER TABLE decision_audit RENAME TO decision_audit_away; ALTER TABLE near_miss_events RENAME TO near_miss_events_away");
        RpcResult refused;
        try
        {
            refused = await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the recorder tries and fails at least once meanwhile
            var pending = Assert.Single(recorder.Pending);
            Assert.Equal((NearMissKind.AuditFailure, AdminCalls.Practice, Nhs), (pending.NearMiss.Kind, pending.NearMiss.Ods, pending.NearMiss.NhsNumber));
            Assert.Equal(0L, await CountAsync(host.StorePath, "near_miss_events_away"));
        }
        finally
        {
            await ExecuteAsync(host.StorePath, "ALTER TABLE decision_audit_away RENAME TO decision_audit; ALTER TABLE near_miss_events_away RENAME TO near_miss_events");
        }

        Assert.Equal(14, refused.StatusCode);
        Assert.Contains("audit", refused.StatusMessage, StringComparison.Ordinal);
        await UntilAsync(() => recorder.Pending.Count == 0);
        Assert.Empty(recorder.Pending);
        Assert.Equal(1L, await CountAsync(host.StorePath, "near_miss_events"));

        var (from, to) = (started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var found = Assert.Single(await host.Services.GetRequiredService<NearMissFinder>().ListAsync(AdminCalls.Practice, from, to, default), m => m.Kind == NearMissKind.AuditFailure);
        Assert.Equal(Nhs, found.NhsNumber);
        Assert.Null(found.DecisionId); // never audited, so there is no replay to link to
        Assert.Contains("UNAVAILABLE: its audit could not be written", found.Detail, StringComparison.Ordinal);
        Assert.Contains(counted.Kinds, k => k == nameof(NearMissKind.AuditFailure));

        using var other = AdminHost.SharingStoreOf(host);
        var finder = other.Services.GetRequiredService<NearMissFinder>();
        Assert.Equal(found, Assert.Single(await finder.ListAsync(AdminCalls.Practice, from, to, default), m => m.Kind == NearMissKind.AuditFailure));
        Assert.Equal(found, Assert.Single(await finder.ListAsync(null, from, to, default), m => m.Kind == NearMissKind.AuditFailure));
        Assert.DoesNotContain(await finder.ListAsync(AdminCalls.OtherPractice, from, to, default), m => m.Kind == NearMissKind.AuditFailure);
    }

    [Fact]
    public async Task StaleStateRefusal_LogUnreadable_RefusalsStoredAndListedForThePatientsPracticeOnly()
    {
        using var counted = new KindCounter();
        using var host = new AdminHost();
        using var grpc = host.CreateGrpcClient();
        var supplier = "Bearer " + host.Supplier(["gate.evaluate"], AdminCalls.Practice);
        Assert.Equal(0, (await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier)).StatusCode);
        var started = DateTimeOffset.UtcNow;

        var outsider = "Bearer " + host.Supplier(["gate.evaluate"], AdminCalls.OtherPractice);
        var entitledRefusals = 0;
        async Task<int?> AskAsync()
        {
            var status = (await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier)).StatusCode;
            entitledRefusals += status == 14 ? 1 : 0;
            return status;
        }

        await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events RENAME TO policy_events_away");
        RpcResult refused = null!;
        var outsiderStatuses = new List<int?>();
        try
        {
            await UntilAsync(async () => await AskAsync() == 14);
            refused = await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier);
            entitledRefusals++;

            // A caller not entitled to this patient, sending a lot while the state is stale: refused alike (no
            // oracle), but its refusals are not near misses of the patient's practice and cannot crowd the real ones out.
            for (var i = 0; i < 20; i++)
            {
                outsiderStatuses.Add((await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), outsider)).StatusCode);
            }
        }
        finally
        {
            await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events_away RENAME TO policy_events");
        }

        Assert.Equal(14, refused.StatusCode);
        Assert.Contains("retry on another server", refused.StatusMessage, StringComparison.Ordinal);
        Assert.All(outsiderStatuses, status => Assert.Equal(14, status));
        await UntilAsync(async () => await AskAsync() == 0);
        var recorder = host.Services.GetRequiredService<NearMissRecorder>();
        await UntilAsync(() => recorder.Pending.Count == 0);
        Assert.True(await CountAsync(host.StorePath, "near_miss_events") >= 1);

        var (from, to) = (started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var finder = host.Services.GetRequiredService<NearMissFinder>();
        var stale = (await finder.ListAsync(AdminCalls.Practice, from, to, default)).Where(m => m.Kind == NearMissKind.StaleStateRefusal).ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, m => Assert.Equal((AdminCalls.Practice, Nhs), (m.Ods, m.NhsNumber)));
        Assert.All(stale, m => Assert.Contains("may be stale (its last read failed", m.Detail, StringComparison.Ordinal));
        Assert.Equal(entitledRefusals, stale.Count);
        Assert.Equal(stale.Count, (await finder.ListAsync(null, from, to, default)).Count(m => m.Kind == NearMissKind.StaleStateRefusal));
        Assert.DoesNotContain(await finder.ListAsync(AdminCalls.OtherPractice, from, to, default), m => m.Kind == NearMissKind.StaleStateRefusal);
        Assert.Contains(counted.Kinds, k => k == nameof(NearMissKind.StaleStateRefusal));
    }

    private static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!await condition() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static async Task<long> CountAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The <c>kind</c> tags of <c>recordaccess.near_misses</c> measured while it lives (the meter is process-wide).</summary>
    private sealed class KindCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _kinds = [];

        public KindCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "recordaccess.near_misses")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "kind")
                    {
                        lock (_kinds)
                        {
                            _kinds.Add((string)tag.Value!);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Kinds
        {
            get
            {
                lock (_kinds)
                {
                    return [.. _kinds];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
