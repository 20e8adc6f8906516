namespace RecordAccess.Core.Policy;

/// <summary>A practice's settings in <see cref="PolicyState"/>.</summary>
/// <param name="SwitchOnDate">The date from which prospective access applies.</param>
/// <param name="OptedOut">The practice opted out of automatic access.</param>
public sealed record PracticeRecord(DateOnly SwitchOnDate, bool OptedOut);
