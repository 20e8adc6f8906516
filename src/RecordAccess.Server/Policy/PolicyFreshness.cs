using Microsoft.Extensions.Options;
using RecordAccess.Core.Policy;

namespace RecordAccess.Server.Policy;

/// <summary>
/// The one place that decides whether this server's policy state is fresh enough to answer from (decision 0078):
/// it is loaded, the follower's last read of the shared log succeeded, and that read is no older than
/// <see cref="PolicyOptions.MaxStaleness"/> (a hung read of a locked store sets no failure). The gate, the patient
/// FHIR operations and GetPatientState take their state from <see cref="State"/>, which answers UNAVAILABLE
/// otherwise; the health check reports the same <see cref="FindProblem"/>, so they never disagree. Fresh again as
/// soon as the follower reads.
/// </summary>
internal sealed class PolicyFreshness(PolicyRuntime runtime, IOptions<PolicyOptions> options, TimeProvider clock)
{
    private readonly DateTimeOffset _createdAt = clock.GetUtcNow();

    /// <summary>The state to answer from; <see cref="PolicyUnavailableException"/> when it is not loaded or may be stale.</summary>
    public PolicyState State => FindProblem() is { } problem
        ? throw new PolicyUnavailableException(
            $"This server cannot follow the policy log ({problem}), so it may have missed a hide; retry on another server.")
        : runtime.State;

    /// <summary>
    /// When the follower last read the shared log (this service's creation before its first read), on the clock the
    /// follower stamps its reads with; null before the state is loaded.
    /// </summary>
    public DateTimeOffset? LastRead => runtime.IsReady ? runtime.Follower.LastSuccess ?? _createdAt : null;

    /// <summary>Why the state may not be trusted now, or null when it may.</summary>
    public string? FindProblem()
    {
        if (!runtime.IsReady)
        {
            return "the policy state is not loaded";
        }

        if (runtime.Follower.LastFailure is { } failure)
        {
            return $"its last read failed: {failure.GetType().Name}";
        }

        var lastRead = LastRead!.Value;
        return clock.GetUtcNow() - lastRead > options.Value.MaxStaleness
            ? $"it has not read the log since {lastRead:O}, longer than Policy:MaxStaleness {options.Value.MaxStaleness}"
            : null;
    }
}
