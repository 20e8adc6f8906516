namespace RecordAccess.Server.Grpc;

/// <summary>
/// One method of the registry: service, name and call type. Carried as endpoint metadata, so later
/// policies (authorization scopes, rate limits) can be chosen per method.
/// </summary>
internal sealed record GrpcMethod(string Service, string Name, MethodType Type)
{
    /// <summary>The HTTP/2 path, <c>/{package.Service}/{Method}</c>.</summary>
    public string Path { get; } = $"/{Service}/{Name}";
}
