using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace RecordAccess.Benchmarks;

/// <summary>
/// The baseline of the h2load benchmark (h2load/run.sh): a bare Kestrel h2c endpoint at the EvaluateEntries path
/// that reads the whole request and answers with fixed bytes (a real EvaluateEntries response captured from the
/// service) and grpc-status 0 in the trailers. The difference to the real service is everything RecordAccess does
/// per call: the wire layer, authentication, protobuf, the decision and the audit.
/// </summary>
internal static class RawGrpcServer
{
    public static int Run(string[] args)
    {
        if (args is not [var portText, var responsePath] || !int.TryParse(portText, out var port))
        {
            Console.Error.WriteLine("usage: --raw-grpc PORT RESPONSE.bin (the framed gRPC response message to send)");
            return 2;
        }

        var response = File.ReadAllBytes(responsePath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapPost("/recordaccess.v1.RecordAccessGate/EvaluateEntries", async context =>
        {
            var buffer = new byte[16 * 1024];
            while (await context.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.Body.WriteAsync(response);
        });
        app.Run();
        return 0;
    }
}
