using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RecordAccess.Core.Model;
using RecordAccess.Server.Policy;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Rule 12 through every parent link a resource has (decision 0087): the reports and panels listing it and its own
/// encounter or context; withheld when any chain withholds, shown when none does.
/// </summary>
public sealed class FhirFilterParentTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private const string Visit = """{"resourceType":"Encounter","id":"visit","status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05T09:00:00Z"}}""";
    private const string HiddenVisit = """{"resourceType":"Encounter","id":"hidden-visit","meta":{"security":[{"code":"R"}]},"status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05T11:00:00Z"}}""";

    private static string Panel(string id, string status, string encounter, params string[] members) =>
        $$"""{"resourceType":"Observation","id":"{{id}}","status":"{{status}}","code":{"text":"Panel"},"issued":"2024-01-06T10:00:00Z","encounter":{"reference":"Encounter/{{encounter}}"},"hasMember":[{{string.Join(",", members.Select(m => $$"""{"reference":"Observation/{{m}}"}"""))}}]}""";

    private static string Report(string id, string status, params string[] results) =>
        $$"""{"resourceType":"DiagnosticReport","id":"{{id}}","status":"{{status}}","code":{"text":"Bloods"},"issued":"2024-01-06T10:00:00Z","encounter":{"reference":"Encounter/visit"},"result":[{{string.Join(",", results.Select(m => $$"""{"reference":"Observation/{{m}}"}"""))}}]}""";

    private static string Result(string id, string encounter) =>
        $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"text":"HDL"},"issued":"2024-01-06T10:00:00Z","encounter":{"reference":"Encounter/{{{encounter}}}"}}""";

    [Fact]
    public async Task Filter_MemberOfVisiblePanelWithWithheldEncounter_Withheld()
    {
        var visible = await Visible(Visit, HiddenVisit, Panel("panel", "final", "visit", "hdl", "ldl"), Result("hdl", "hidden-visit"), Result("ldl", "visit"));

        Assert.Equal(["Encounter/visit", "Observation/panel", "Observation/ldl"], visible);
    }

    [Fact]
    public async Task Filter_ResultInTwoReports_WithheldWhenEitherIsShownWhenBothAre()
    {
        Assert.Equal(
            ["Encounter/visit", "DiagnosticReport/r1", "DiagnosticReport/r2", "Observation/o"],
            await Visible(Visit, Report("r1", "final", "o"), Report("r2", "final", "o"), Result("o", "visit")));
        Assert.Equal(
            ["Encounter/visit", "DiagnosticReport/r1"],
            await Visible(Visit, Report("r1", "final", "o"), Report("r2", "preliminary", "o"), Result("o", "visit")));
    }

    [Fact]
    public async Task Filter_WithheldGrandparentThroughSecondLink_Withheld()
    {
        // o is listed by a visible report and by a panel whose own encounter is withheld: the panel is withheld, so is o.
        var visible = await Visible(Visit, HiddenVisit, Report("r1", "final", "o"), Panel("panel", "final", "hidden-visit", "o"), Result("o", "visit"));

        Assert.Equal(["Encounter/visit", "DiagnosticReport/r1"], visible);
    }

    [Fact]
    public async Task Filter_WithheldThroughSecondLink_AuditRecordsParentWithheldForIt()
    {
        await Visible(Visit, HiddenVisit, Report("r1", "final", "o"), Panel("panel", "final", "hidden-visit", "o"), Result("o", "visit"));

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.Host.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT decision_id FROM decision_audit WHERE nhs_number = $nhs ORDER BY rowid DESC LIMIT 1";
        command.Parameters.AddWithValue("$nhs", FhirPatients.Adult);
        var latest = Guid.Parse((string)(await command.ExecuteScalarAsync())!);

        // Read through the store: the answers are in the compact payload (decision 0108), with the facts the engine saw.
        var record = await fixture.Host.Services.GetRequiredService<PolicyRuntime>().Store.ReadAsync(latest);
        Assert.NotNull(record);
        Assert.Equal(ReasonCode.ParentWithheld, record.Decisions.Single(d => d.EntryId == "o").Reason);
        Assert.Equal(ReasonCode.Visible, record.Decisions.Single(d => d.EntryId == "r1").Reason);
        Assert.Contains(record.Entries!, e => e.Id == "o");
    }

    [Fact]
    public async Task Filter_LetterWithTwoConsultations_WithheldWhenEitherIs()
    {
        static string Letter(string second) =>
            $$$"""{"resourceType":"DocumentReference","id":"letter","status":"current","date":"2024-01-06T10:00:00Z","content":[{"attachment":{"title":"Letter"}}],"context":{"encounter":[{"reference":"Encounter/visit"},{"reference":"Encounter/{{{second}}}"}]}}""";
        var second = Visit.Replace("\"visit\"", "\"visit2\"", StringComparison.Ordinal);

        Assert.Equal(["Encounter/visit", "Encounter/visit2", "DocumentReference/letter"], await Visible(Visit, second, Letter("visit2")));
        Assert.Equal(["Encounter/visit"], await Visible(Visit, HiddenVisit, Letter("hidden-visit")));
    }

    [Fact]
    public async Task Filter_PanelsListingEachOther_BothWithheld()
    {
        var visible = await Visible(Visit, Panel("a", "final", "visit", "b"), Panel("b", "final", "visit", "a"), Result("c", "visit"));

        Assert.Equal(["Encounter/visit", "Observation/c"], visible);
    }

    private Task<IReadOnlyList<string>> Visible(params string[] resources) =>
        FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(resources));
}
