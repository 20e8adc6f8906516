using System.Reflection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// Builds <c>GET /fhir/metadata</c> as a Firely POCO from the route registry: one resource entry per type, in
/// registration order. <c>fhir-profiles/CapabilityStatement-recordaccess.json</c> is the same statement, checked by a test.
/// </summary>
internal static class CapabilityStatementBuilder
{
    /// <summary>The date this capability statement's content last changed (update it with the routes).</summary>
    public const string PublicationDate = "2025-01-01";

    public static CapabilityStatement Build(FhirRouteRegistry registry, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var version = typeof(CapabilityStatementBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var resources = registry.Routes
            .GroupBy(r => r.ResourceType, StringComparer.Ordinal)
            .Select(g => new CapabilityStatement.ResourceComponent
            {
                Type = g.Key,
                Profile = g.Select(r => r.Profile).FirstOrDefault(p => p is not null),
                Interaction = [.. g.Where(r => r.Interaction is not null).Select(r => r.Interaction!).Distinct(StringComparer.Ordinal)
                    .Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = Literal<CapabilityStatement.TypeRestfulInteraction>(code) })],
                SearchParam = [.. g.SelectMany(r => r.SearchParameters).DistinctBy(p => p.Name).Select(p => new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Definition = p.Definition,
                    Type = Literal<SearchParamType>(p.Type),
                    Documentation = p.Documentation,
                })],
                Operation = [.. g.Where(r => r.OperationName is not null).DistinctBy(r => r.OperationName).Select(r => new CapabilityStatement.OperationComponent
                {
                    Name = r.OperationName,
                    Definition = r.OperationDefinition ?? FhirCanonical.OperationDefinition(r.OperationName!),
                    Documentation = r.Documentation,
                })],
            })
            .ToList();

        return new CapabilityStatement
        {
            Url = $"{FhirCanonical.Base}/CapabilityStatement/recordaccess",
            Version = version,
            Name = "RecordAccessServer",
            Title = "RecordAccess FHIR R4 server",
            Status = PublicationStatus.Active,
            Date = PublicationDate,
            Publisher = "RecordAccess",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "RecordAccess", Version = version },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "RecordAccess: which entries of a GP record a patient may see online", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirMediaTypes.FhirJson, "json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "FHIR R4 JSON only; errors are OperationOutcome.",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Cors = false,
                        Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth", "Bearer JWT")],
                        Description = "Bearer tokens: NHS login (patients, P9 required for record information), NHS CIS2 (practice staff), client credentials (GP system suppliers).",
                    },
                    Resource = resources,
                },
            ],
        };
    }

    private static T Literal<T>(string code)
        where T : struct, Enum =>
        EnumUtility.ParseLiteral<T>(code) ?? throw new InvalidOperationException($"'{code}' is not a {typeof(T).Name} code.");
}
