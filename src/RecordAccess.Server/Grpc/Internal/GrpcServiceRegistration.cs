namespace RecordAccess.Server.Grpc.Internal;

/// <summary>A service added with <c>AddGrpcService&lt;T&gt;()</c>, waiting to be mapped.</summary>
internal abstract class GrpcServiceRegistration
{
    public abstract string ServiceName { get; }

    public abstract IReadOnlyList<ServerCallHandler> Bind(GrpcCallEnvironment environment);
}
