using System.Text.Json;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>One host per test class, seeded with <see cref="FhirPatients"/>.</summary>
public sealed class PatientFhirFixture : IAsyncLifetime
{
    public FhirHost Host { get; } = new();

    public async Task InitializeAsync() => await FhirPatients.SeedAsync(Host);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient Patient(string nhsNumber, string proofing = "P9") => Host.CreateFhirClient(Host.PatientToken(nhsNumber, proofing));

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The OperationOutcome's first issue code, after checking the body is an OperationOutcome.</summary>
    public static async Task<string> IssueCodeAsync(HttpResponseMessage response)
    {
        var outcome = await ReadJsonAsync(response);
        Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
        var issue = outcome.GetProperty("issue")[0];
        Assert.False(string.IsNullOrWhiteSpace(issue.GetProperty("diagnostics").GetString()));
        return issue.GetProperty("code").GetString()!;
    }
}
