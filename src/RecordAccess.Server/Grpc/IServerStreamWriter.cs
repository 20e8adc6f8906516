namespace RecordAccess.Server.Grpc;

/// <summary>Writes response messages of a streaming call; each write is framed and flushed to the client.</summary>
/// <typeparam name="T">The response message type.</typeparam>
internal interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message. Throws <see cref="RpcException"/> (RESOURCE_EXHAUSTED) past the send limit,
    /// and <see cref="OperationCanceledException"/> once the call is cancelled or its deadline has passed.</summary>
    Task WriteAsync(T message);
}
