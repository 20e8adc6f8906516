namespace RecordAccess.Core.Policy.Events;

/// <summary>
/// One change to the facts the rule table reads. Changes are appended to the policy log and never
/// updated or deleted; the current state is their projection (<see cref="PolicyState"/>).
/// </summary>
public abstract record PolicyChange
{
    /// <summary>The kind of change, stored with the event.</summary>
    public abstract PolicyChangeKind Kind { get; }

    /// <summary>
    /// True when the change can alter what a patient sees: it withholds, or removes a withholding.
    /// Such changes require a reason. Only a registration (demographics from the GP system) does not.
    /// </summary>
    public bool RequiresReason => Kind != PolicyChangeKind.PatientRegistered;
}
