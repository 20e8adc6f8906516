using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.TestSupport;

/// <summary>One fact of a conformance case written through the admin service, and the admin's answer.</summary>
public sealed record CorpusWrite(string Fact, AdminResult Result)
{
    /// <summary>
    /// The problems that are not <paramref name="benign"/> (a problem is benign when its message contains one of them,
    /// e.g. "must be one of the access codes": the store keeps access codes only, and the engine ignores the others).
    /// </summary>
    public IEnumerable<InputProblem> Refusals(IReadOnlyCollection<string> benign) =>
        Result.Problems.Where(p => !benign.Any(b => p.Message.Contains(b, StringComparison.Ordinal)));
}
