namespace RecordAccess.Server.Grpc;

/// <summary>
/// Thrown by a handler (or by the wire layer) to end the call with a status other than OK.
/// The wire layer turns it into <c>grpc-status</c> and <c>grpc-message</c>; it never reaches Kestrel.
/// </summary>
internal sealed class RpcException : Exception
{
    public RpcException(StatusCode statusCode, string detail)
        : base($"Status({statusCode}, \"{detail}\")")
    {
        Status = new Status(statusCode, detail);
    }

    public RpcException()
        : this(StatusCode.Unknown, "")
    {
    }

    public RpcException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message);
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.Code;
}
