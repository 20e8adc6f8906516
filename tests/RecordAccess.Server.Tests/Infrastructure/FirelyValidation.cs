using System.Text;
using System.Text.Json;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Hl7.Fhir.Utility;
using Xunit;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>
/// Firely's own checks of FHIR JSON, as a strict client would run them: the SDK's strict parser (unknown elements, wrong
/// JSON types, empty elements, bad primitives are errors), then Firely.Fhir.Validation against base R4 (from the
/// specification package) and every profile in <c>fhir-profiles/</c> that the resource (or a Bundle entry) claims in
/// <c>meta.profile</c>. Built here, not taken from the server, so a fault in the server's validator set-up cannot hide
/// a fault in what the server writes. Compiled once per test run (the first call takes seconds).
/// </summary>
public static class FirelyValidation
{
    private static readonly Lazy<(Validator Validator, IAsyncResourceResolver Resolver)> Shared = new(() => Task.Run(CreateAsync).GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly FhirJsonDeserializer Parser = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>The resolver over the R4 specification and <c>fhir-profiles/</c> (snapshots generated on demand, cached).</summary>
    public static IAsyncResourceResolver Resolver => Shared.Value.Resolver;

    /// <summary>Every issue Firely finds in <paramref name="json"/> (parser errors first); no error means valid.</summary>
    public static IReadOnlyList<FirelyIssue> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Parse(json, out var issues) is not { } resource)
        {
            return issues;
        }

        return Validate(resource);
    }

    /// <summary>Firely.Fhir.Validation's issues for a parsed resource, against its core type (and the profiles it claims).</summary>
    public static IReadOnlyList<FirelyIssue> Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var outcome = Shared.Value.Validator.Validate(resource, ModelInfo.CanonicalUriForFhirCoreType(resource.TypeName).Value);
        return [.. outcome.Issue.Select(i => new FirelyIssue(
            i.Severity?.GetLiteral() ?? "error",
            string.Join(",", i.Expression),
            i.Details?.Text ?? i.Diagnostics ?? i.Code?.GetLiteral() ?? "(no text)"))];
    }

    /// <summary>The resource as Firely's strict parser reads it, or null with the parser's issues.</summary>
    public static Resource? Parse(string json, out IReadOnlyList<FirelyIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (Parser.TryDeserializeResource(reader, out var resource, out var problems))
            {
                issues = [];
                return resource;
            }

            issues = [.. problems.Select(p => new FirelyIssue("error", "parser", $"{p.ErrorCode}: {p.Message}"))];
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            issues = [new FirelyIssue("fatal", "parser", $"{e.GetType().Name}: {e.Message}")];
            return null;
        }
    }

    /// <summary>Fails the test, listing Firely's errors, unless every JSON text parses strictly and validates.</summary>
    public static void AssertValid(params string[] jsons)
    {
        ArgumentNullException.ThrowIfNull(jsons);
        var failures = jsons
            .Select(json => (json, errors: Validate(json).Where(i => i.IsError).ToList()))
            .Where(r => r.errors.Count > 0)
            .Select(r => $"  {string.Join("\n  ", r.errors)}\n  {r.json}")
            .ToList();
        Assert.True(failures.Count == 0, $"Firely rejected {failures.Count} of {jsons.Length} FHIR JSON texts:\n{string.Join("\n", failures)}");
    }

    private static async System.Threading.Tasks.Task<(Validator, IAsyncResourceResolver)> CreateAsync()
    {
        // Snapshots of our profiles are generated once, here, on one thread (Firely's snapshot generator is not
        // thread-safe); the validator then only reads: core definitions from the package, ours from memory.
        var specification = ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        var ours = Directory.GetFiles(FhirValidator.ProfilesDirectory, "*.json")
            .Select(f => Parser.DeserializeResource(File.ReadAllText(f)))
            .ToList();
        var memory = new InMemoryResourceResolver(ours);
        var generator = new SnapshotGenerator(new MultiResolver(memory, specification), SnapshotGeneratorSettings.CreateDefault());
        foreach (var definition in ours.OfType<StructureDefinition>().OrderBy(d => d.Type == "Extension" ? 0 : 1))
        {
            await generator.UpdateAsync(definition);
        }

        var resolver = new CachedResolver(new MultiResolver(memory, specification));
        var terminology = new MultiTerminologyService(new LocalTerminologyService(resolver), new MimeTypeTerminologyService());
        return (new Validator(resolver, terminology, null, new ValidationSettings()), resolver);
    }
}
