namespace RecordAccess.Core.Policy;

/// <summary>What kind of caller made a change. Stored with every event: never renumber.</summary>
public enum ActorKind
{
    /// <summary>Not set (never valid).</summary>
    None = 0,

    /// <summary>Practice staff signed in with NHS CIS2: user id, practice ODS code and role.</summary>
    Staff = 1,

    /// <summary>A GP system supplier calling system to system: its client id.</summary>
    Supplier = 2,

    /// <summary>A RecordAccess tool (data load, synthetic generator): its name.</summary>
    System = 3,
}
