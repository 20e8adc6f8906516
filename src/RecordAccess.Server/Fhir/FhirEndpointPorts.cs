namespace RecordAccess.Server.Fhir;

/// <summary>
/// Where FHIR is not served (decision F8): the local ports of the Kestrel endpoints configured HTTP/2-only
/// (<c>Kestrel:Endpoints:*:Protocols = Http2</c>, the gRPC endpoint for GP suppliers). FHIR lives on the HTTP/1.1
/// endpoint with the staff pages. In-memory hosts (no local port) and endpoints bound to port 0 are not matched.
/// </summary>
internal sealed class FhirEndpointPorts
{
    private readonly HashSet<int> _grpcOnly;

    public FhirEndpointPorts(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _grpcOnly = [.. configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => string.Equals(e["Protocols"], "Http2", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(e["Url"]))
            .Select(e => BindingAddress.Parse(e["Url"]!).Port)
            .Where(port => port > 0)];
    }

    /// <summary>True when the request arrived on an HTTP/2-only (gRPC) endpoint.</summary>
    public bool IsGrpcOnly(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = context.Connection.LocalPort;
        return port > 0 && _grpcOnly.Contains(port);
    }
}
