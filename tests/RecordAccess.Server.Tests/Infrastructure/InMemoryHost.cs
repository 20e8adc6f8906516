namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The host on the in-memory TestServer (HTTP/2 semantics, trailers included, no sockets).</summary>
public sealed class InMemoryHost() : ServerHost(kestrel: false);
