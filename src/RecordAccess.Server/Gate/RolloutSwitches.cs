using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using RecordAccess.Core.Policy;
using RecordAccess.Server.Identity;

namespace RecordAccess.Server.Gate;

/// <summary>
/// Resolves the rollout switches (Microsoft.FeatureManagement, section <c>FeatureManagement</c>) for one call, at the
/// edge: read per call, so a configuration reload takes effect on the next call without a restart.
/// <list type="bullet">
/// <item><c>NationalPause</c>: every entry withheld as RolloutNotActive (Core's national pause).</item>
/// <item><c>Gate</c>: enabled per supplier (targeting, the client id as user id); a supplier it is not enabled for is
/// answered as under the national pause. Staff callers are not targeted (G5).</item>
/// <item><c>RuleSet2025</c> (on: rule set 2025.1 decides) and <c>RuleSet2025Shadow</c> (shadow: 2024.1 decides, 2025.1 is
/// evaluated beside it and the entries it would answer differently are counted, logged and audited); neither: 2024.1.</item>
/// </list>
/// </summary>
internal sealed class RolloutSwitches(IVariantFeatureManager features)
{
    public const string NationalPause = "NationalPause";
    public const string Gate = "Gate";
    public const string RuleSet2025 = "RuleSet2025";
    public const string RuleSet2025Shadow = "RuleSet2025Shadow";

    // Every combination's snapshot, built once: the hot path allocates no strings for it.
    private static readonly GateFlags[] Snapshots = BuildSnapshots();

    public async ValueTask<RolloutState> ResolveAsync(Caller caller, CancellationToken cancellationToken)
    {
        var pause = await features.IsEnabledAsync(NationalPause, cancellationToken).ConfigureAwait(false);
        var gate = caller.Kind != CallerKind.Supplier
            || await features.IsEnabledAsync(Gate, new TargetingContext { UserId = caller.Id }, cancellationToken).ConfigureAwait(false);
        var mode = await features.IsEnabledAsync(RuleSet2025, cancellationToken).ConfigureAwait(false) ? StagedRuleMode.On
            : await features.IsEnabledAsync(RuleSet2025Shadow, cancellationToken).ConfigureAwait(false) ? StagedRuleMode.Shadow
            : StagedRuleMode.Off;
        return new RolloutState(pause, gate, Snapshots[Index(pause, gate, mode)]);
    }

    private static int Index(bool pause, bool gate, StagedRuleMode mode) => ((pause ? 1 : 0) * 6) + ((gate ? 1 : 0) * 3) + (int)mode;

    private static GateFlags[] BuildSnapshots()
    {
        var all = new GateFlags[12];
        foreach (var pause in new[] { false, true })
        {
            foreach (var gate in new[] { false, true })
            {
                foreach (var mode in new[] { StagedRuleMode.Off, StagedRuleMode.Shadow, StagedRuleMode.On })
                {
                    var text = $"{NationalPause}={OnOff(pause)};{Gate}={OnOff(gate)};{RuleSet2025}={mode.ToString().ToLowerInvariant()}";
                    all[Index(pause, gate, mode)] = new GateFlags(mode, text);
                }
            }
        }

        return all;
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
