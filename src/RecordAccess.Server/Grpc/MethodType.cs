namespace RecordAccess.Server.Grpc;

/// <summary>How many messages each side of a call sends.</summary>
internal enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>A stream each way, interleaved as the handler likes.</summary>
    DuplexStreaming,
}
