using RecordAccess.Server.Grpc;

namespace RecordAccess.Server.Identity;

/// <summary>The caller of a gRPC call, or UNAUTHENTICATED / PERMISSION_DENIED.</summary>
internal static class GrpcCallerExtensions
{
    /// <summary>The authenticated caller; UNAUTHENTICATED when the call carries no valid token.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        Caller.FromPrincipal(context.HttpContext.User)
        ?? throw new RpcException(StatusCode.Unauthenticated, "A valid bearer token is required (metadata 'authorization: Bearer <token>').");

    /// <summary>The caller, if it may evaluate for the practice; PERMISSION_DENIED otherwise.</summary>
    public static Caller RequireEvaluate(this ServerCallContext context, string ods)
    {
        var caller = context.GetCaller();
        return caller.MayEvaluate(ods)
            ? caller
            : throw new RpcException(StatusCode.PermissionDenied, $"The caller may not evaluate records of practice {ods}.");
    }

    /// <summary>The caller, if it may administer the practice; PERMISSION_DENIED otherwise.</summary>
    public static Caller RequireAdminister(this ServerCallContext context, string ods)
    {
        var caller = context.GetCaller();
        return caller.MayAdminister(ods)
            ? caller
            : throw new RpcException(StatusCode.PermissionDenied, $"The caller may not change or read the policy of practice {ods}.");
    }
}
