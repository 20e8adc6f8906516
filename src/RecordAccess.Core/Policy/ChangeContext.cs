namespace RecordAccess.Core.Policy;

/// <summary>Who is making an admin change and why; the same for every event the change produces.</summary>
/// <param name="Actor">The caller.</param>
/// <param name="Reason">Why (free text); required for every change that can alter what a patient sees.</param>
public sealed record ChangeContext(Actor Actor, string? Reason);
