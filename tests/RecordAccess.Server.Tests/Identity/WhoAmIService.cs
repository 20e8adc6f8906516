using RecordAccess.Server.Grpc;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>Test-only: answers the caller's audit name, or the UNAUTHENTICATED status GetCaller gives.</summary>
internal sealed class WhoAmIService : IGrpcService<WhoAmIService>
{
    public const string Path = "/recordaccess.testing.v1.WhoAmI/Get";

    public static string ServiceName => "recordaccess.testing.v1.WhoAmI";

    public static void Bind(GrpcServiceBinder<WhoAmIService> binder) =>
        binder.Unary<EchoRequest, EchoReply>("Get", EchoRequest.Parser, (_, _, c) => Task.FromResult(new EchoReply { Text = c.GetCaller().AuditName }));
}
