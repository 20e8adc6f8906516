using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using RecordAccess.Server.Contracts.V1;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Health;

/// <summary>
/// Decision 0078 (hazards H7, ST-2, AD-7): while the follower cannot read the shared log (a real failure: its table is
/// renamed under the running host), the gate answers UNAVAILABLE with nothing decided or audited, patient FHIR answers
/// 503, GetPatientState refuses, and readiness is 503; all answer again by themselves once the table is back.
/// </summary>
public sealed class StalenessFailsClosedTests
{
    private const string Nhs = "9434765919";

    [Fact]
    public async Task GateFhirAndReads_LogUnreadableThenReadable_RefuseThenAnswer()
    {
        using var host = new AdminHost();
        using var grpc = host.CreateGrpcClient();
        using var fhir = host.CreateClient();
        fhir.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Patient(Nhs));
        var supplier = "Bearer " + host.Supplier(["gate.evaluate"], AdminCalls.Practice);
        Assert.Equal(0, (await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier)).StatusCode);

        long auditedWhileStale;
        await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events RENAME TO policy_events_away");
        try
        {
            var refused = await UntilAsync(async () => await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier), r => r.StatusCode == 14);
            Assert.Equal(14, refused.StatusCode);
            Assert.Empty(refused.Messages);
            Assert.Contains("retry on another server", refused.StatusMessage, StringComparison.Ordinal);

            // Calls answered before the follower's next read found the table gone were in time; from the refusal on, nothing is audited.
            var audited = await AuditCountAsync(host.StorePath);
            Assert.Equal(14, (await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e2")), supplier)).StatusCode);

            using var recordAccess = await fhir.GetAsync(new Uri($"/fhir/Patient/{Nhs}/$record-access", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, recordAccess.StatusCode);
            Assert.Contains("\"resourceType\":\"OperationOutcome\"", await recordAccess.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var read = await grpc.AdminAsync("GetPatientState", new GetPatientStateRequest { NhsNumber = Nhs }, host.Staff());
            Assert.Equal(14, read.StatusCode);

            using var ready = await host.CreateClient().GetAsync(new Uri("/healthz/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(audited, await AuditCountAsync(host.StorePath));
            auditedWhileStale = audited;
        }
        finally
        {
            await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events_away RENAME TO policy_events");
        }

        var answered = await UntilAsync(async () => await grpc.EvaluateAsync(Evaluate(Nhs, Entry("e1")), supplier), r => r.StatusCode == 0);
        Assert.Equal(0, answered.StatusCode);
        using var again = await fhir.GetAsync(new Uri($"/fhir/Patient/{Nhs}/$record-access", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(auditedWhileStale + 2, await AuditCountAsync(host.StorePath));
    }

    private static async Task<RpcResult> UntilAsync(Func<Task<RpcResult>> call, Func<RpcResult, bool> wanted)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await call();
            if (wanted(result) || DateTimeOffset.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<long> AuditCountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM decision_audit";
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
}
