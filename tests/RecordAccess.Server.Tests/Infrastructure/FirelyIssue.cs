namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>One issue Firely found: severity (fatal, error, warning, information), where (FHIRPath or parser position) and what.</summary>
public sealed record FirelyIssue(string Severity, string Location, string Message)
{
    public bool IsError => Severity is "fatal" or "error";

    public override string ToString() => $"{Severity} {Location}: {Message}";
}
