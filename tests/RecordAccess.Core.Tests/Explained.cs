using RecordAccess.Core.Explain;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

/// <summary>Explains one entry and checks its decision against the engine, so every explainer test also checks agreement.</summary>
internal static class Explained
{
    public static EntryExplanation Entry(DecisionRequest request, int index = 0)
    {
        var explanation = DecisionExplainer.Explain(request, index);
        Assert.Equal(Decide.All(request)[index], explanation.Decision.Reason);
        return explanation;
    }

    public static RuleCheck Rule(DecisionRequest request, int rule, int index = 0) => Entry(request, index).Checks.First(c => c.Rule == rule);
}
