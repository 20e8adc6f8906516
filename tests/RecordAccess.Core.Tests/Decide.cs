using RecordAccess.Core.Engine;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>Runs both evaluators and insists they agree, so every unit test checks the reference model and the fast engine.</summary>
internal static class Decide
{
    public static ReasonCode[] All(DecisionRequest request)
    {
        var reference = ReferenceModel.Evaluate(request);
        var fast = DecisionEngine.Evaluate(request);
        Assert.Equal(reference, fast);
        Assert.Equal(request.Entries.Select(e => e.Id), fast.Select(d => d.EntryId));
        return fast.Select(d => d.Reason).ToArray();
    }

    public static ReasonCode First(DecisionRequest request) => All(request)[0];
}
