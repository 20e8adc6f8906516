using Google.Protobuf;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RecordAccess.Core.Safety;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Safety;
using RecordAccess.Server.Tests.Infrastructure;
using RecordAccess.Server.Tests.MultiServer;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Safety;

/// <summary>
/// The near-miss finder on PostgreSQL (decisions 0118–0120): the real host on a fresh database of the server named by
/// <c>RECORDACCESS_TEST_POSTGRES</c>; near misses of the audit, of the log and at runtime (the audit and
/// <c>near_miss_events</c> renamed away under the running host) caused over gRPC and listed per practice and nationally.
/// </summary>
public sealed class NearMissPostgresTests
{
    private const string Admin = "/recordaccess.v1.RecordAccessAdmin/";

    [Fact]
    public async Task NearMisses_OnPostgres_AuditLogAndRuntimeKindsFoundPerPracticeAndNationally()
    {
        var connectionString = await PostgresGateHost.CreateDatabaseAsync();
        using var host = new PostgresGateHost(connectionString);
        await host.SeedPracticesAsync();
        using var client = host.CreateGrpcClient();
        var nhs = await host.RegisterAsync(1);
        var other = await host.RegisterAsync(2, GateHost.OtherOds);
        var t = GateHost.Today;

        var unavailable = await client.EvaluateAsync(Evaluate(nhs, Entry("e1"), Entry("bad", recorded: "x")), host.Supplier());
        await AdminOkAsync(client, host, "RedactEntry", new EntryChangeRequest { NhsNumber = other, EntryId = "e9", Reason = "third party" }, GateHost.OtherOds);
        host.Clock.Now = t.AddHours(1);
        await AdminOkAsync(client, host, "UnredactEntry", new EntryChangeRequest { NhsNumber = other, EntryId = "e9", Reason = "in error" }, GateHost.OtherOds);

        host.Clock.Now = t.AddHours(2);
        await ExecuteAsync(connectionString, "ALTER TABLE decision_audit RENAME TO decision_audit_away; ALTER TABLE near_miss_events RENAME TO near_miss_events_away");
        RpcResult failed;
        try
        {
            failed = await client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier());
        }
        finally
        {
            await ExecuteAsync(connectionString, "ALTER TABLE decision_audit_away RENAME TO decision_audit; ALTER TABLE near_miss_events_away RENAME TO near_miss_events");
        }

        var recorder = host.Services.GetRequiredService<NearMissRecorder>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (recorder.Pending.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("e1=Visible bad=DecisionUnavailable", unavailable.Reasons());
        Assert.Equal(14, failed.StatusCode);
        Assert.Empty(recorder.Pending);
        var finder = host.Services.GetRequiredService<NearMissFinder>();
        var (from, to) = (t.AddDays(-1), t.AddDays(1));
        var mine = await finder.ListAsync(GateHost.Ods, from, to, default);
        var theirs = await finder.ListAsync(GateHost.OtherOds, from, to, default);
        var national = await finder.ListAsync(null, from, to, default);

        Assert.Equal([NearMissKind.AuditFailure, NearMissKind.DecisionUnavailable], mine.Select(m => m.Kind));
        Assert.All(mine, m => Assert.Equal((GateHost.Ods, nhs), (m.Ods, m.NhsNumber)));
        Assert.Equal(Guid.Parse(EvaluateEntriesResponse.Parser.ParseFrom(unavailable.Messages[0]).DecisionId), mine[1].DecisionId);
        var lifted = Assert.Single(theirs);
        Assert.Equal((NearMissKind.HideLiftedSoon, other, t.AddHours(1)), (lifted.Kind, lifted.NhsNumber, lifted.OccurredAt));
        Assert.Equal([mine[0], lifted, mine[1]], national); // newest first
    }

    private static async Task AdminOkAsync(HttpClient client, GateHost host, string method, IMessage request, string ods)
    {
        var result = await client.CallAsync(Admin + method, request, ("authorization", host.Staff(ods)));
        Assert.True(result.StatusCode == 0, $"{method}: {result}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The gate host on a PostgreSQL database of its own.</summary>
    private sealed class PostgresGateHost(string connectionString) : GateHost
    {
        public static async Task<string> CreateDatabaseAsync()
        {
            var server = Environment.GetEnvironmentVariable(ServerFleet.Variable) is { Length: > 0 } cs
                ? cs
                : throw new InvalidOperationException($"{ServerFleet.Variable} is not set: this test needs a real PostgreSQL (scripts/postgres.sh start).");
            var database = $"nearmiss_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await command.ExecuteNonQueryAsync();
            }

            return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("Storage:ConnectionString", connectionString);
        }
    }
}
