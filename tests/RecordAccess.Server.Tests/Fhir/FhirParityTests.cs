using System.Net;
using System.Text.Json.Nodes;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// The whole conformance corpus through FHIR: each case's state loaded into a fresh host's store through the admin
/// service, with the clock at the case's evaluation date, and its entries asked through <c>$entry-visibility</c>
/// with the patient's own token; a case with the national pause runs on a host whose <c>NationalPause</c> switch is on.
/// Visible through FHIR exactly when the engine says Visible. A case whose state the
/// admin refuses, or that is invalid as a whole, is answered with an OperationOutcome (docs/fhir-mapping.md, "Parity").
/// Every answer goes through the independent validator when the class is done.
/// </summary>
public sealed class FhirParityTests(FhirResponseRecorder responses) : IClassFixture<FhirResponseRecorder>
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "conformance");

    public static TheoryData<string> Cases => [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EntryVisibility_CorpusCase_SameAnswerAsTheEngine(string file)
    {
        var corpus = CaseReader.ReadCorpusCase(await File.ReadAllBytesAsync(Path.Combine(Directory, file)));
        var request = corpus.Request;
        var engine = DecisionEngine.Evaluate(request);
        if (!request.EvaluationDate.IsValid)
        {
            // On FHIR the evaluation date is the server's clock: a missing or impossible one cannot be sent.
            Assert.All(engine, d => Assert.Equal(ReasonCode.DecisionUnavailable, d.Reason));
            return;
        }

        var host = new FhirHost(request.EvaluationDate.Value, responses) { NationalPause = request.NationalPause };
        try
        {
            await Compare(file, corpus, engine, host);
        }
        finally
        {
            await Dispose(host);
        }
    }

    private static async Task Compare(string file, CorpusCase corpus, Decision[] engine, FhirHost host)
    {
        var request = corpus.Request;
        var refused = await CorpusStateLoader.LoadAsync(host, request);
        if (refused.Count > 0)
        {
            // The admin refuses the state (each refusal names its field, as the staff surfaces' OperationOutcome will):
            // a patient can never be asked about it. Listed in docs/fhir-mapping.md, "Parity".
            Assert.All(refused, problem => Assert.Contains(": ", problem, StringComparison.Ordinal));
            return;
        }

        if (RequestValidator.FindProblem(request) is not null)
        {
            using var response = await Ask(host, request.Patient!.NhsNumber, request.Entries);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity, $"{file}: {response.StatusCode}");
            Assert.Equal("OperationOutcome", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["resourceType"]);
            Assert.All(engine, d => Assert.Equal(ReasonCode.DecisionUnavailable, d.Reason));
            return;
        }

        using var answer = await Ask(host, request.Patient!.NhsNumber, request.Entries);
        var body = await answer.Content.ReadAsStringAsync();
        if (!Expressible(request.Entries))
        {
            // $entry-visibility is as strict as its OperationDefinition: no entry, a required part missing or a value
            // that is not its FHIR type (an empty string, "not-a-date", a code with a trailing space) is a 400 for the
            // whole request, where gRPC withholds the one entry. Both fail closed; the engine's answer is not reachable.
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{file}: {answer.StatusCode} {body}");
            Assert.Equal("OperationOutcome", (string?)JsonNode.Parse(body)!["resourceType"]);
            return;
        }

        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{file}: {answer.StatusCode} {body}");
        var visible = (JsonNode.Parse(body)!["parameter"] as JsonArray ?? []).Select(e => (bool)e!["part"]![1]!["valueBoolean"]!).ToArray();
        Assert.Equal(engine.Select(d => d.Visible), visible);
        Assert.Equal(request.Entries.Select(e => corpus.Expected[e.Id] == ReasonCode.Visible), visible);
    }

    /// <summary>
    /// Disposes a host. PolicyStartup.StopAsync can throw ObjectDisposedException when the factory disposes the
    /// host before stopping it (reported to the integrator); that is shutdown noise, not a parity failure.
    /// </summary>
    private static async Task Dispose(FhirHost host)
    {
        try
        {
            await host.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task<HttpResponseMessage> Ask(FhirHost host, string nhs, IReadOnlyList<EntryFacts> entries)
    {
        using var client = host.CreateFhirClient(host.PatientToken(nhs));
        return await client.PostAsync(new Uri($"/fhir/Patient/{nhs}/$entry-visibility", UriKind.Relative), FhirHost.FhirJson(Body(entries)));
    }

    private static string Body(IReadOnlyList<EntryFacts> entries) =>
        new JsonObject { ["resourceType"] = "Parameters", ["parameter"] = new JsonArray([.. entries.Select(Entry)]) }.ToJsonString();

    /// <summary>Whether FHIR can carry these entries: at least one, each with a recorded date, and Firely's strict parser accepts the Parameters.</summary>
    private static bool Expressible(IReadOnlyList<EntryFacts> entries) =>
        entries.Count > 0 && entries.All(e => CorpusState.Text(e.RecordedDate) is not null) && FirelyValidation.Parse(Body(entries), out _) is not null;

    private static JsonNode Entry(EntryFacts e)
    {
        var parts = new JsonArray { Part("id", "valueString", e.Id) };
        if (CorpusState.Text(e.RecordedDate) is { } date)
        {
            parts.Add(Part("recordedDate", "valueDate", date));
        }

        parts.Add(Part("kind", "valueCode", WireNames.Of(e.Kind)));
        parts.Add(Part("status", "valueCode", WireNames.Of(e.Status)));
        foreach (var label in e.Labels)
        {
            parts.Add(Part("label", "valueCode", label));
        }

        if (e.ParentId is not null)
        {
            parts.Add(Part("parent", "valueString", e.ParentId));
        }

        if (e.Code is not null)
        {
            parts.Add(Part("code", "valueCode", e.Code));
        }

        return new JsonObject { ["name"] = "entry", ["part"] = parts };
    }

    private static JsonObject Part(string name, string type, string value) => new() { ["name"] = name, [type] = value };
}
