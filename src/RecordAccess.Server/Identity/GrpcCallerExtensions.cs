using Grpc.Core;
using RecordAccess.Identity;
using RecordAccess.Server.Hosting;

namespace RecordAccess.Server.Identity;

/// <summary>The caller of a gRPC call, or UNAUTHENTICATED (saying what was wrong with the token) / PERMISSION_DENIED.</summary>
internal static class GrpcCallerExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>
    /// The authenticated caller (mapped once per call from ASP.NET Core's principal, by <see cref="CallerInterceptor"/>);
    /// UNAUTHENTICATED naming what was wrong (never echoing the token) otherwise.
    /// </summary>
    public static Caller GetCaller(this ServerCallContext context)
    {
        if (context.UserState.TryGetValue(CallerKey, out var known))
        {
            return (Caller)known;
        }

        var http = context.GetHttpContext();
        if (Caller.FromPrincipal(http.User) is { } caller)
        {
            context.UserState[CallerKey] = caller;
            return caller;
        }

        var failure = http.User.FindFirst(CallerClaims.Kind)?.Value is { } kind
            ? TokenFailure.MissingClaims(kind)
            : TokenFailure.Of(http) ?? TokenFailure.Missing;
        throw RpcErrors.Of(failure.Status, failure.Message);
    }

    /// <summary>When the call's bearer token expires (its validated <c>exp</c>), or null if the principal carries none.</summary>
    public static DateTimeOffset? TokenExpiry(this ServerCallContext context) =>
        context.GetHttpContext().User.FindFirst("exp")?.Value is { } exp
        && long.TryParse(exp, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The caller, if it may evaluate for the practice; PERMISSION_DENIED otherwise.</summary>
    public static Caller RequireEvaluate(this ServerCallContext context, string ods)
    {
        var caller = context.GetCaller();
        return caller.MayEvaluate(ods)
            ? caller
            : throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not evaluate records of practice {ods}.");
    }

    /// <summary>The caller, if it may administer the practice; PERMISSION_DENIED otherwise.</summary>
    public static Caller RequireAdminister(this ServerCallContext context, string ods)
    {
        var caller = context.GetCaller();
        return caller.MayAdminister(ods)
            ? caller
            : throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not change or read the policy of practice {ods}.");
    }
}
