using Microsoft.Data.Sqlite;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using static RecordAccess.Server.Tests.Gate.GateCalls;

namespace RecordAccess.Server.Tests.Gate;

/// <summary>The audit store cannot be written: the gate fails closed with UNAVAILABLE (its own host: the store is broken on purpose).</summary>
public sealed class GateAuditFailureTests
{
    [Fact]
    public async Task EvaluateEntries_AuditUnwritable_UnavailableAndNoDecisions()
    {
        await using var host = new GateHost();
        await host.SeedPracticesAsync();
        var nhs = await host.RegisterAsync(1);
        await using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE decision_audit";
            await command.ExecuteNonQueryAsync();
        }

        using var client = host.CreateGrpcClient();
        var result = await client.EvaluateAsync(Evaluate(nhs, Entry("e1")), host.Supplier());

        Assert.Equal(14, result.StatusCode);
        Assert.Empty(result.Messages);
        Assert.Contains("audit", result.StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPatientAccessAndExplainEntry_AuditUnwritable_UnavailableAndNothingAnswered()
    {
        await using var host = new GateHost();
        await host.SeedPracticesAsync();
        var nhs = await host.RegisterAsync(1);
        await using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE decision_audit";
            await command.ExecuteNonQueryAsync();
        }

        using var client = host.CreateGrpcClient();
        var access = await client.AccessAsync(nhs, host.Supplier());
        var explain = await client.ExplainAsync(Explain(nhs, "e1", Entry("e1")), host.Staff());

        foreach (var result in new[] { access, explain })
        {
            Assert.Equal(14, result.StatusCode);
            Assert.Empty(result.Messages);
            Assert.Contains("audit", result.StatusMessage, StringComparison.Ordinal);
        }
    }
}
