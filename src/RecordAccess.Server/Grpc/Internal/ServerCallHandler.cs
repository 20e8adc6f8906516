namespace RecordAccess.Server.Grpc.Internal;

/// <summary>
/// The endpoint of one method: checks that the request is gRPC at all (HTTP/2, content-type), then runs the
/// call and turns whatever happens into a gRPC status. No exception escapes to Kestrel.
/// </summary>
internal abstract class ServerCallHandler(GrpcMethod method, GrpcCallEnvironment environment)
{
    public GrpcMethod Method { get; } = method;

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!await GrpcHttpChecks.AcceptAsync(httpContext, environment.Logger).ConfigureAwait(false))
        {
            return;
        }

        var call = new ServerCall(httpContext, Method.Path, environment);
        await using (call.ConfigureAwait(false))
        {
            call.Start();
            try
            {
                await HandleCoreAsync(call).ConfigureAwait(false);
                await call.CompleteAsync(Status.Ok).ConfigureAwait(false);
                GrpcServerLog.Completed(environment.Logger, Method.Path);
            }
#pragma warning disable CA1031 // The wire layer's job: every failure becomes a status, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await call.FailAsync(ex).ConfigureAwait(false);
            }
        }
    }

    protected abstract Task HandleCoreAsync(ServerCall call);
}
