using RecordAccess.Server.Grpc;
using RecordAccess.Server.Health;

namespace RecordAccess.Server;

/// <summary>The composition root, in two calls, so <c>Program</c> stays short and tests build the same host.</summary>
internal static class ServerHostExtensions
{
    public static WebApplicationBuilder AddRecordAccessServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpcWire(builder.Configuration);
        builder.Services.AddGrpcHealth();
        return builder;
    }

    public static WebApplication MapRecordAccessServer(this WebApplication app)
    {
        app.MapGrpcServices();
        return app;
    }
}
