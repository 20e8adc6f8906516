using System.Reflection;
using RecordAccess.Server.Fhir.Resources;
using static RecordAccess.Server.Fhir.Resources.CapabilityStatement;

namespace RecordAccess.Server.Fhir;

/// <summary>Builds <c>GET /fhir/metadata</c> from the route registry: one resource entry per type, in registration order.</summary>
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
            .Select(g => new ResourceComponent(
                g.Key,
                g.Select(r => r.Profile).FirstOrDefault(p => p is not null),
                [.. g.Where(r => r.Interaction is not null).Select(r => r.Interaction!).Distinct(StringComparer.Ordinal).Select(code => new InteractionComponent(code))],
                [.. g.SelectMany(r => r.SearchParameters).DistinctBy(p => p.Name).Select(p => new SearchParamComponent(p.Name, p.Type, p.Documentation))],
                [.. g.Where(r => r.OperationName is not null).DistinctBy(r => r.OperationName)
                    .Select(r => new OperationComponent(r.OperationName!, r.OperationDefinition ?? FhirCanonical.OperationDefinition(r.OperationName!), r.Documentation))]))
            .ToList();

        var security = new SecurityComponent(
            Cors: false,
            [new CodeableConcept([new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")], "Bearer JWT")],
            "Bearer tokens: NHS login (patients, P9 required for record information), NHS CIS2 (practice staff), client credentials (GP system suppliers).");
        return new CapabilityStatement(
            Url: $"{FhirCanonical.Base}/CapabilityStatement/recordaccess",
            Version: version,
            Name: "RecordAccessServer",
            Title: "RecordAccess FHIR R4 server",
            Status: "active",
            Date: PublicationDate,
            Publisher: "RecordAccess",
            Kind: "instance",
            new SoftwareComponent("RecordAccess", version),
            new ImplementationComponent("RecordAccess: which entries of a GP record a patient may see online", baseUrl),
            FhirVersion: "4.0.1",
            Format: [FhirMediaTypes.FhirJson, "json"],
            [new RestComponent("server", "FHIR R4 JSON only; errors are OperationOutcome.", security, resources)]);
    }
}
