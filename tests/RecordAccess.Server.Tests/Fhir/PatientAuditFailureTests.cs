using System.Net;
using Microsoft.Data.Sqlite;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Hazard F-H6: the decision audit cannot be written (a real SQLite failure: a trigger on the host's own store that
/// aborts every insert into <c>decision_audit</c>). Every patient operation answers 503 <c>transient</c> with nothing
/// shown, the same for every patient, and the store holds no decision at all for those requests.
/// </summary>
public sealed class PatientAuditFailureTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private const string Entry = """{"resourceType":"Parameters","parameter":[{"name":"entry","part":[{"name":"id","valueString":"visible-entry"},{"name":"recordedDate","valueDate":"2024-01-05"},{"name":"kind","valueCode":"consultation"},{"name":"status","valueCode":"final"}]}]}""";
    private const string Bundle = """{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"https://gp.example/fhir/Encounter/visible-encounter","resource":{"resourceType":"Encounter","id":"visible-encounter","status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05"}}}]}""";

    [Fact]
    public async Task PatientOperations_AuditStoreFailing_Answer503WithNothingShownAndNothingRecorded()
    {
        // The control: with the store writable, a call answers and is audited in this very file.
        await AnsweredAndAuditedAsync();
        var before = await ScalarAsync("SELECT count(*) FROM decision_audit");
        await ExecuteAsync("CREATE TRIGGER audit_store_failing BEFORE INSERT ON decision_audit BEGIN SELECT RAISE(ABORT, 'audit store failing (test)'); END");
        try
        {
            var bodies = new HashSet<string>(StringComparer.Ordinal);
            foreach (var nhs in new[] { FhirPatients.Adult, FhirPatients.Flagged })
            {
                foreach (var (operation, body) in Calls)
                {
                    bodies.Add(await UnavailableAsync(nhs, operation, body));
                }
            }

            var outcome = Assert.Single(bodies);
            Assert.Equal("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"Record access cannot be decided right now; nothing is shown. Try again shortly."}]}""", outcome);
            Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM decision_audit"));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER audit_store_failing");
        }

        // The store writable again: the same call answers, and is audited.
        await AnsweredAndAuditedAsync();
        Assert.Equal(before + 1, await ScalarAsync("SELECT count(*) FROM decision_audit"));
    }

    private async Task AnsweredAndAuditedAsync()
    {
        var audited = await ScalarAsync("SELECT count(*) FROM decision_audit WHERE nhs_number = '" + FhirPatients.Adult + "'");
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(Url(FhirPatients.Adult, "entry-visibility"), FhirHost.FhirJson(Entry));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"valueBoolean\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(audited + 1, await ScalarAsync("SELECT count(*) FROM decision_audit WHERE nhs_number = '" + FhirPatients.Adult + "'"));
    }

    private static readonly (string Operation, string? Body)[] Calls = [("record-access", null), ("entry-visibility", Entry), ("filter", Bundle)];

    private static Uri Url(string nhs, string operation) => new($"/fhir/Patient/{nhs}/${operation}", UriKind.Relative);

    private async Task<string> UnavailableAsync(string nhs, string operation, string? body)
    {
        using var client = fixture.Patient(nhs);
        using var response = body is null ? await client.GetAsync(Url(nhs, operation)) : await client.PostAsync(Url(nhs, operation), FhirHost.FhirJson(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{operation} for {nhs}: {response.StatusCode} {text}");
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Equal("transient", await PatientFhirFixture.IssueCodeAsync(response));
        return text;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.Host.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
