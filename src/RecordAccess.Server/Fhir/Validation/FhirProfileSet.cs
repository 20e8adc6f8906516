using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace RecordAccess.Server.Fhir.Validation;

/// <summary>
/// The R4 specification package (<c>specification.zip</c>, from Hl7.Fhir.Specification.Data.R4) and our conformance
/// resources (<c>fhir-profiles/*.json</c>, copied next to the server), compiled into one Firely validator. Snapshots of
/// our profiles are generated here, once, on one thread (Firely's snapshot generator is not thread-safe); afterwards
/// the validator only reads (core definitions from the package, ours from memory) and is shared by every request.
/// </summary>
internal sealed class FhirProfileSet
{
    private FhirProfileSet(Validator validator, IReadOnlyList<string> profiles)
    {
        Validator = validator;
        Profiles = profiles;
    }

    public Validator Validator { get; }

    /// <summary>The canonical URLs of the StructureDefinitions loaded from <c>fhir-profiles/</c>.</summary>
    public IReadOnlyList<string> Profiles { get; }

    /// <summary>
    /// Loads and compiles the set, then validates an empty Consent and Flag against our profiles so the validator's
    /// schemas are built too; throws when a file does not parse or a snapshot cannot be generated. Synchronous, for a
    /// thread of its own: seconds of work on a thread-pool thread would starve the pool the gRPC calls run on.
    /// </summary>
    public static FhirProfileSet Load(string specificationZip, string profilesDirectory)
    {
        if (!File.Exists(specificationZip))
        {
            throw new FileNotFoundException("The FHIR R4 specification package is missing (Hl7.Fhir.Specification.Data.R4 copies it to the output).", specificationZip);
        }

        var specification = ZipSource.CreateValidationSource(specificationZip);
        var parser = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
        var ours = new List<Resource>();
        foreach (var file in Directory.GetFiles(profilesDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            ours.Add(parser.DeserializeResource(File.ReadAllText(file)));
        }

        var memory = new InMemoryResourceResolver(ours);
        var generator = new SnapshotGenerator(new MultiResolver(memory, specification), SnapshotGeneratorSettings.CreateDefault());
        var definitions = ours.OfType<StructureDefinition>().OrderBy(d => d.Type == "Extension" ? 0 : 1).ToList();
        foreach (var definition in definitions)
        {
            // The resolvers are in memory and on disk: the "async" generator completes on this thread.
            generator.UpdateAsync(definition).GetAwaiter().GetResult();
            var errors = generator.Outcome?.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList() ?? [];
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The snapshot of {definition.Url} could not be generated: {string.Join("; ", errors.Select(e => e.Details?.Text))}");
            }
        }

        var resolver = new CachedResolver(new MultiResolver(memory, specification));
        var terminology = new MultiTerminologyService(new LocalTerminologyService(resolver), new MimeTypeTerminologyService());
        var validator = new Validator(resolver, terminology, null, new ValidationSettings());
        _ = validator.Validate(new Consent(), FhirCanonical.StructureDefinition("RecordAccessConsent"));
        _ = validator.Validate(new Flag(), FhirCanonical.StructureDefinition("RecordAccessFlag"));
        return new FhirProfileSet(validator, [.. definitions.Select(d => d.Url).OfType<string>()]);
    }
}
