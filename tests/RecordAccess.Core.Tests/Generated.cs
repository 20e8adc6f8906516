using RecordAccess.Core.Model;

namespace RecordAccess.Core.Tests;

/// <summary>A generated request that prints as conformance-case JSON when a property fails.</summary>
public sealed record Generated(DecisionRequest Request)
{
    public override string ToString() => CaseJson.Write(Request);
}
