using RecordAccess.Core.Model;

namespace RecordAccess.Core.Cases;

/// <summary>A conformance corpus file: a case, the answers a person expects, and why.</summary>
/// <param name="Name">A short title.</param>
/// <param name="Why">One line a person can check against the rule table.</param>
/// <param name="Request">The case.</param>
/// <param name="Expected">The expected reason for each entry id.</param>
public sealed record CorpusCase(string Name, string Why, DecisionRequest Request, IReadOnlyDictionary<string, ReasonCode> Expected);
