namespace RecordAccess.Core.Policy;

/// <summary>How far a staged rule is rolled out (resolved at the edge from the rollout switches).</summary>
public enum StagedRuleMode
{
    /// <summary>The staged rule is not evaluated; the live rules decide.</summary>
    Off = 0,

    /// <summary>Both rule sets are evaluated; differences are counted and logged; the live rules decide.</summary>
    Shadow = 1,

    /// <summary>The staged rule decides, and decisions carry its rule-set version.</summary>
    On = 2,
}
