using System.Collections.Concurrent;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// Every FHIR response body a test class received (Parameters, Bundles, OperationOutcomes of every status), checked
/// once, when the class is done, by two validators that share nothing: the independent JavaScript one (one node
/// process per class keeps the run fast) and Firely's strict parser and validator (<see cref="FirelyValidation"/>,
/// base R4 and our profiles). Identical bodies are validated once; a failure names the request that first produced
/// each rejected body and which validator rejected it.
/// </summary>
public sealed class FhirResponseRecorder : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);

    /// <summary>How many distinct bodies were recorded.</summary>
    public int Count => _bodies.Count;

    /// <summary>Records one response: <paramref name="request"/> says which call produced it, for the failure message.</summary>
    public void Record(string request, string body) => _bodies.TryAdd(body, request);

    /// <summary>Fails, listing every rejected body and the call that produced it, unless the validator accepts them all.</summary>
    public async Task AssertAllValidAsync()
    {
        var recorded = _bodies.ToArray();
        if (recorded.Length == 0)
        {
            return;
        }

        var report = await FhirValidator.ValidateAsync([.. recorded.Select(r => r.Key)]);
        var rejected = report.Results
            .Select((result, i) => (result, request: recorded[i].Value, body: recorded[i].Key))
            .Where(r => !r.result.Valid)
            .Select(r => $"{r.request}\n  {string.Join("\n  ", r.result.Issues)}\n  {r.body}")
            .ToList();
        var firely = recorded
            .Select(r => (request: r.Value, body: r.Key, errors: FirelyValidation.Validate(r.Key).Where(i => i.IsError).ToList()))
            .Where(r => r.errors.Count > 0)
            .Select(r => $"{r.request}\n  {string.Join("\n  ", r.errors)}\n  {r.body}")
            .ToList();
        Assert.True(
            report.Results.Count == recorded.Length && rejected.Count == 0,
            $"The independent FHIR validator rejected {rejected.Count} of {recorded.Length} distinct response bodies:\n{string.Join("\n", rejected)}");
        Assert.True(
            firely.Count == 0,
            $"Firely (strict parser, base R4 and fhir-profiles/) rejected {firely.Count} of {recorded.Length} distinct response bodies:\n{string.Join("\n", firely)}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AssertAllValidAsync();
}
