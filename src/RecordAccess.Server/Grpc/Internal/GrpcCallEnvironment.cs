using Microsoft.Extensions.Options;

namespace RecordAccess.Server.Grpc.Internal;

/// <summary>What every call of the wire layer shares: limits, the clock and the logger.</summary>
internal sealed class GrpcCallEnvironment(IOptions<GrpcServerOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public GrpcServerOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = loggerFactory.CreateLogger("RecordAccess.Server.Grpc");
}
