using Microsoft.AspNetCore.Routing.Template;

namespace RecordAccess.Server.Fhir;

/// <summary>
/// Every FHIR route of this server, collected from the registered <see cref="IFhirModule"/>s. The one source for
/// both the endpoints and the CapabilityStatement, so the two cannot disagree.
/// </summary>
internal sealed class FhirRouteRegistry
{
    private readonly List<FhirRoute> _routes = [];

    public FhirRouteRegistry(IEnumerable<IFhirModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules)
        {
            module.AddRoutes(this);
        }
    }

    public IReadOnlyList<FhirRoute> Routes => _routes;

    public void Add(FhirRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (_routes.Any(r => r.Method == route.Method && r.Pattern == route.Pattern))
        {
            throw new InvalidOperationException($"FHIR route {route.Method} {route.Pattern} is registered twice.");
        }

        _routes.Add(route);
    }

    /// <summary>The methods registered for a path under <c>/fhir</c> (e.g. <c>/Patient/9434765919/$filter</c>), for 405 answers.</summary>
    public IReadOnlyList<string> MethodsFor(PathString path) =>
        [.. _routes
            .Where(r => new TemplateMatcher(TemplateParser.Parse(r.Pattern), []).TryMatch(path, []))
            .Select(r => r.Method)
            .Distinct(StringComparer.Ordinal)];
}
