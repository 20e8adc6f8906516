using RecordAccess.Core.Policy;
using RecordAccess.Server.Contracts.V1;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Admin;

/// <summary>The reads: one patient's state (now or as of a version), and the stream of changes.</summary>
internal sealed partial class AdminService
{
    private static readonly TimeSpan MaxWatchTimer = TimeSpan.FromDays(30);

    /// <summary>
    /// Authorised by the patient's current practice, also for an "as of" question (decision A4): the practice that
    /// holds the record now may see its history; a practice the patient has left may not.
    /// </summary>
    public override async Task<PatientState> GetPatientState(GetPatientStateRequest request, ServerCallContext context)
    {
        var (_, current) = context.RequirePatient(freshness.State, request.NhsNumber);
        if (request.AsOfVersion == 0)
        {
            return Current(current.NhsNumber);
        }

        var asOf = (long)Math.Min(request.AsOfVersion, long.MaxValue);
        if (asOf > runtime.State.Version)
        {
            throw AdminErrors.Precondition("as_of_version", $"{asOf} is after this server's state version {runtime.State.Version}");
        }

        using var replayed = await PolicyLoader.LoadPatientAsync(runtime.Store, current.NhsNumber, asOf, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return replayed.FindPatient(current.NhsNumber) is { Ods: not null } then
            ? PatientStates.ToMessage(then, asOf)
            : throw AdminErrors.Precondition("nhs_number", $"was not registered as of version {asOf}");
    }

    /// <summary>The patient now, with the version the view was read at (re-read if a change landed in between).</summary>
    private PatientState Current(string nhs)
    {
        var state = runtime.State;
        while (true)
        {
            var before = state.Version;
            var view = state.FindPatient(nhs) ?? throw AdminErrors.Precondition("nhs_number", "is not a registered patient");
            if (state.Version == before)
            {
                return PatientStates.ToMessage(view, before);
            }
        }
    }

    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<ChangeEvent> responseStream, ServerCallContext context)
    {
        var caller = context.RequireAdminCaller();
        string? only = null;
        if (request.Ods.Length > 0)
        {
            only = AdminAccess.ParseOds(request.Ods);
            context.RequireAdminister(only);
        }

        // The watch lives as long as the token that opened it: at its expiry the stream ends UNAUTHENTICATED, so a
        // revoked or expired identity stops receiving flag and restriction events.
        using var expired = new CancellationTokenSource(UntilExpiry(context.TokenExpiry()), clock);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping, expired.Token);
        var from = (long)Math.Min(request.FromVersion, long.MaxValue);
        var watch = new ChangeWatch(runtime, options.Value, ods => only is null ? caller.MayAdminister(ods) : string.Equals(ods, only, StringComparison.Ordinal));
        var who = caller.AuditName;
        AdminLog.WatchStarted(logger, who, from, only ?? "*");
        try
        {
            // Headers now, so a client knows the watch was accepted before the first event.
            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
            await watch.RunAsync(from, responseStream, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expired.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.Of(StatusCode.Unauthenticated,
                $"The bearer token has expired; open a new watch with a fresh token from_version {watch.LastVersion}.");
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.Of(StatusCode.Unavailable, "The server is shutting down; resume from the last version received.");
        }
        finally
        {
            AdminLog.WatchEnded(logger, who, watch.LastVersion, watch.Sent);
        }
    }

    /// <summary>Time left on the token (none left if it has no expiry); beyond a timer's range (weeks), no limit.</summary>
    private TimeSpan UntilExpiry(DateTimeOffset? expiry)
    {
        var left = (expiry ?? clock.GetUtcNow()) - clock.GetUtcNow();
        return left <= TimeSpan.Zero ? TimeSpan.Zero
            : left > MaxWatchTimer ? Timeout.InfiniteTimeSpan
            : left;
    }
}
