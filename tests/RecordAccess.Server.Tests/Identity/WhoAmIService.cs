using Grpc.Core;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Tests.Echo;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>Test-only: answers the caller's audit name, or the UNAUTHENTICATED status GetCaller gives.</summary>
internal sealed class WhoAmIService : WhoAmI.WhoAmIBase
{
    public const string Path = "/recordaccess.testing.v1.WhoAmI/Get";

    public override Task<EchoReply> Get(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = context.GetCaller().AuditName });
}
