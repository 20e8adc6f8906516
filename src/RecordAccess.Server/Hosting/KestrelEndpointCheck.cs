namespace RecordAccess.Server.Hosting;

/// <summary>
/// Refuses to start on a missing or contradictory endpoint configuration (decision 0078), naming the setting, instead of
/// letting Kestrel fall back to defaults that do not speak plain HTTP/2: <c>Kestrel:Endpoints:Grpc</c> must have a
/// <c>Url</c> and <c>Protocols</c> <c>Http2</c> (h2c with prior knowledge); <c>Kestrel:Endpoints:Http</c> must have a
/// <c>Url</c> and speak HTTP/1.1 (FHIR, probes); the two must not share a port.
/// </summary>
internal static class KestrelEndpointCheck
{
    public const string Grpc = "Kestrel:Endpoints:Grpc";

    public const string Http = "Kestrel:Endpoints:Http";

    public static void Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var grpc = Port(configuration, Grpc);
        if (!string.Equals(configuration[$"{Grpc}:Protocols"], "Http2", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused($"{Grpc}:Protocols must be Http2 (gRPC over plain HTTP/2 with prior knowledge), not '{configuration[$"{Grpc}:Protocols"]}'.");
        }

        var http = Port(configuration, Http);
        if (configuration[$"{Http}:Protocols"] is { Length: > 0 } protocols && !protocols.StartsWith("Http1", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused($"{Http}:Protocols must include Http1 (FHIR and the health probes speak HTTP/1.1), not '{protocols}'.");
        }

        if (grpc != 0 && grpc == http)
        {
            throw Refused($"{Grpc}:Url and {Http}:Url are both on port {grpc}; gRPC (HTTP/2 only) and FHIR (HTTP/1.1) need their own ports.");
        }
    }

    private static int Port(IConfiguration configuration, string endpoint)
    {
        var url = configuration[$"{endpoint}:Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            throw Refused($"{endpoint}:Url is not set; the server needs both Kestrel endpoints (see appsettings.json).");
        }

        try
        {
            return BindingAddress.Parse(url).Port;
        }
        catch (FormatException e)
        {
            throw Refused($"{endpoint}:Url '{url}' is not a URL Kestrel can listen on ({e.Message}).");
        }
    }

    private static InvalidOperationException Refused(string message) => new("Endpoint configuration: " + message);
}
