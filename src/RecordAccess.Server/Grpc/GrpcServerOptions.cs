namespace RecordAccess.Server.Grpc;

/// <summary>Limits of the gRPC wire layer, bound from the <c>Grpc</c> configuration section.</summary>
internal sealed class GrpcServerOptions
{
    public const string SectionName = "Grpc";

    /// <summary>The largest request message accepted, in bytes; a larger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes; a larger one ends the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Whether an unexpected handler exception's type and message go to the client (development only).</summary>
    public bool EnableDetailedErrors { get; set; }
}
