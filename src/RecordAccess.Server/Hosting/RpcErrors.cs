using Grpc.Core;

namespace RecordAccess.Server.Hosting;

/// <summary>
/// How the gRPC services say no: a status with a message that names the field (architecture.md's status table).
/// Every refusal of the gate and admin services is built here, so the wording rules live in one place.
/// </summary>
internal static class RpcErrors
{
    /// <summary>Longest caller-supplied text quoted in a message (a long id must not turn a clear error into a failed response).</summary>
    public const int MaxQuotedLength = 200;

    public static RpcException Of(StatusCode code, string detail) => new(new Status(code, detail));

    /// <summary>Caller-supplied text quoted in a grpc-message, cut to a length every client's header limit allows.</summary>
    public static string Quote(string text) =>
        text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "...");
}
