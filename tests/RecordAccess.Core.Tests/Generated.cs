using RecordAccess.Core.Model;

namespace RecordAccess.Core.Tests;

/// <summary>A generated request that prints as conformance-case JSON when a property fails.</summary>
public sealed record Generated(DecisionRequest Request)
{
    public override string ToString() =>
        Request.RuleSet == RuleSetVersion.V2025_1 ? CaseJson.Write(Request) : $"(rule set 2024.1) {CaseJson.Write(Request)}";
}
