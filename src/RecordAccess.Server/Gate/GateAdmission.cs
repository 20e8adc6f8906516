using Microsoft.Extensions.Options;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Grpc.Core;
using RecordAccess.Server.Hosting;
using RecordAccess.Server.Identity;
using RecordAccess.Server.Policy;

namespace RecordAccess.Server.Gate;

/// <summary>
/// The checks every gate call passes after its own field checks, in the order of G4: state that may be stale is
/// UNAVAILABLE (<see cref="PolicyFreshness"/>, before anything is decided or audited); the request is built from
/// the state once; an unknown patient or practice, or state that is invalid as a whole, is FAILED_PRECONDITION
/// naming the field; then the caller must serve the patient's practice (PERMISSION_DENIED); then
/// <c>min_state_version</c> is waited for (FAILED_PRECONDITION if still behind). The request that passed is the
/// one decided, so the practice authorised is the practice whose facts decide.
/// </summary>
internal sealed class GateAdmission(PolicyRuntime runtime, PolicyFreshness freshness, RolloutSwitches switches, IOptions<PolicyOptions> options, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    public async Task<Admitted> AdmitAsync(Caller caller, string nhsNumber, ulong minStateVersion, IReadOnlyList<EntryFacts> entries,
        DateOnly? evaluationDate, bool explaining, string prefix, CancellationToken cancellationToken)
    {
        var rollout = await switches.ResolveAsync(caller, cancellationToken).ConfigureAwait(false);
        var wanted = minStateVersion > long.MaxValue ? long.MaxValue : (long)minStateVersion;
        var date = evaluationDate ?? UkCalendar.DateAt(clock.GetUtcNow());
        var state = freshness.State;
        var request = state.BuildRequest(nhsNumber, date, entries, rollout.WithholdAll, out var version);

        // A patient this server does not know yet may be the very write the caller holds the version of.
        if (request.Patient is null && wanted > version && await WaitAsync(wanted, cancellationToken).ConfigureAwait(false))
        {
            request = state.BuildRequest(nhsNumber, date, entries, rollout.WithholdAll, out version);
        }

        Authorise(caller, Check(request, prefix), explaining);
        if (wanted > version)
        {
            if (!await WaitAsync(wanted, cancellationToken).ConfigureAwait(false))
            {
                throw RpcErrors.Of(StatusCode.FailedPrecondition,
                    $"{prefix}min_state_version: this server's policy state is at version {state.Version}, behind {wanted}; retry, or ask another server.");
            }

            request = state.BuildRequest(nhsNumber, date, entries, rollout.WithholdAll, out version);
            Authorise(caller, Check(request, prefix), explaining);
        }

        return new Admitted(request, version, rollout);
    }

    private Task<bool> WaitAsync(long version, CancellationToken cancellationToken) =>
        runtime.WaitForVersionAsync(version, options.Value.MinVersionWait, cancellationToken);

    /// <summary>The practice of a request that can be decided; FAILED_PRECONDITION naming the field otherwise.</summary>
    private static string Check(DecisionRequest request, string prefix)
    {
        if (request.Patient is null)
        {
            throw RpcErrors.Of(StatusCode.FailedPrecondition, $"{prefix}nhs_number: the patient is not known to RecordAccess.");
        }

        return RequestValidator.FindProblem(request) switch
        {
            null => request.Practice!.Ods,
            { Field: "practice" } => throw RpcErrors.Of(StatusCode.FailedPrecondition, $"{prefix}nhs_number: the patient's practice is not known to RecordAccess."),
            var problem => throw RpcErrors.Of(StatusCode.FailedPrecondition,
                $"{prefix}nhs_number: the policy state of this patient cannot be trusted ({problem.Field} {problem.Message})."),
        };
    }

    private static void Authorise(Caller caller, string ods, bool explaining)
    {
        if (explaining ? !caller.MayAdminister(ods) : !caller.MayEvaluate(ods))
        {
            throw RpcErrors.Of(StatusCode.PermissionDenied, $"The caller may not {(explaining ? "explain" : "evaluate")} records of practice {ods}.");
        }
    }
}
