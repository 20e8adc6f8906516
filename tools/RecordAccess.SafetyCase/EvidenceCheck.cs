using System.Text.RegularExpressions;

namespace RecordAccess.SafetyCase;

/// <summary>What one hazard row's evidence came to in this run.</summary>
/// <param name="Row">The row.</param>
/// <param name="Tests">Every test result its evidence named (its own and those of the rows it refers to with "see").</param>
/// <param name="Missing">Names in its evidence that look like tests and matched no test of the run.</param>
/// <param name="Problems">Why the row is red (empty when green).</param>
internal sealed record HazardEvidence(HazardRow Row, IReadOnlyList<TestResult> Tests, IReadOnlyList<string> Missing, IReadOnlyList<string> Problems)
{
    public bool Green => Problems.Count == 0;

    public int PassedCount => Tests.Count(t => t.Passed);
}

/// <summary>
/// Matches each hazard row's "test that shows it" cell against the run's results. A row is green when its
/// evidence names at least one test (directly, or through "see ID" to another row), every name that looks like
/// a test matches at least one result, and every matched result passed. Anything else is red: a control
/// whose test is missing, skipped or failing is not evidenced.
/// </summary>
internal static partial class EvidenceCheck
{
    public static IReadOnlyList<HazardEvidence> Check(IReadOnlyList<HazardRow> rows, IReadOnlyList<TestResult> results)
    {
        var own = rows.Select(r => (Row: r, Named: Resolve(r.Evidence, results))).ToList();
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < own.Count; i++)
        {
            if (!byId.TryGetValue(own[i].Row.Id, out var list))
            {
                byId[own[i].Row.Id] = list = [];
            }

            list.Add(i);
        }

        var evidence = new List<HazardEvidence>(own.Count);
        for (var i = 0; i < own.Count; i++)
        {
            var (row, named) = own[i];
            var problems = new List<string>();
            var tests = new List<TestResult>(named.Tests);
            var missing = new List<string>(named.Missing);

            if (byId[row.Id].Count > 1)
            {
                problems.Add($"id {row.Id} is used by {byId[row.Id].Count} rows (lines {string.Join(", ", byId[row.Id].Select(j => own[j].Row.Line))})");
            }

            // "see ST-1": the referenced rows' evidence counts for this one (followed transitively, once each).
            var seen = new HashSet<string>(StringComparer.Ordinal) { row.Id };
            var pending = new Queue<string>(References(row.Evidence));
            while (pending.TryDequeue(out var id))
            {
                if (!seen.Add(id))
                {
                    continue;
                }

                if (!byId.TryGetValue(id, out var targets))
                {
                    problems.Add($"refers to {id}, which is not in the log");
                    continue;
                }

                foreach (var j in targets)
                {
                    tests.AddRange(own[j].Named.Tests);
                    missing.AddRange(own[j].Named.Missing.Select(m => $"{m} (in {id})"));
                    foreach (var next in References(own[j].Row.Evidence))
                    {
                        pending.Enqueue(next);
                    }
                }
            }

            tests = tests.Distinct().ToList();
            if (tests.Count == 0 && missing.Count == 0)
            {
                problems.Add("names no test");
            }

            problems.AddRange(missing.Select(m => $"no such test in this run: {m}"));
            problems.AddRange(tests.Where(t => !t.Passed).Select(t => $"{t.Outcome.ToLowerInvariant()}: {t.ShortName}{(t.Arguments.Length > 0 ? $"({t.Arguments})" : string.Empty)}"));
            evidence.Add(new HazardEvidence(row, tests, missing, problems));
        }

        return evidence;
    }

    /// <summary>The test names a cell gives (code spans), resolved against the results.</summary>
    internal static (IReadOnlyList<TestResult> Tests, IReadOnlyList<string> Missing) Resolve(string cell, IReadOnlyList<TestResult> results)
    {
        var tests = new List<TestResult>();
        var missing = new List<string>();
        foreach (Match span in CodeSpan().Matches(cell))
        {
            var token = span.Groups[1].Value.Trim();
            var pattern = PatternFor(token, out var argument);
            if (pattern is null)
            {
                continue;
            }

            var matched = results.Where(r => pattern(r) && (argument is null || r.Arguments.Contains(argument, StringComparison.Ordinal))).ToList();
            if (matched.Count == 0)
            {
                missing.Add(token);
            }

            tests.AddRange(matched);
        }

        return (tests, missing);
    }

    /// <summary>
    /// How a code span names tests, or null when it does not look like a test name (a setting, a code, a type):
    /// a method (<c>Rule6_Restricted_NoGrantOverrides</c>, <c>RuleTests.Rule6_*</c>, <c>MultiServer.CrashTests.KillHard_*</c>),
    /// a test class (<c>BatchCodeTests</c>, <c>RolloutSwitchTests.*</c>), or a corpus case family (<c>r06-*</c>),
    /// optionally with a theory argument (<c>Method(other-practice)</c>).
    /// </summary>
    internal static Func<TestResult, bool>? PatternFor(string token, out string? argument)
    {
        argument = null;
        var call = MethodWithArgument().Match(token);
        if (call.Success)
        {
            token = call.Groups[1].Value;
            argument = call.Groups[2].Value;
        }

        if (CorpusCase().IsMatch(token))
        {
            var file = new Regex("\"" + Glob(token, "[^\"]*") + "(\\.json)?\"", RegexOptions.CultureInvariant);
            return r => file.IsMatch(r.Arguments);
        }

        if (TestMethod().IsMatch(token) || TestClass().IsMatch(token))
        {
            var name = TestClass().IsMatch(token) && !token.EndsWith(".*", StringComparison.Ordinal) ? token + ".*" : token;
            var regex = new Regex(@"(^|\.)" + Glob(name, @"[^.]*") + "$", RegexOptions.CultureInvariant);
            return r => regex.IsMatch(r.Name);
        }

        return null;
    }

    private static IEnumerable<string> References(string cell)
    {
        // Outside code spans only: "see ST-1", "see ST-3, ST-4", "see AD-7".
        var text = CodeSpan().Replace(cell, " ");
        foreach (Match see in SeeClause().Matches(text))
        {
            foreach (Match id in IdInText().Matches(see.Value))
            {
                yield return id.Value;
            }
        }
    }

    private static string Glob(string token, string star) => string.Join(star, token.Split('*').Select(Regex.Escape));

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^(.+?)\(([^()]+)\)$")]
    private static partial Regex MethodWithArgument();

    [GeneratedRegex(@"^(r\d+[a-z]?|v)-[a-z0-9*-]*$")]
    private static partial Regex CorpusCase();

    [GeneratedRegex(@"^([A-Z][A-Za-z0-9]*\.)*[A-Z][a-z][A-Za-z0-9]*(_[A-Za-z0-9*]+)+$")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^([A-Z][A-Za-z0-9]*\.)*[A-Z][A-Za-z0-9]*Tests(\.\*)?$")]
    private static partial Regex TestClass();

    [GeneratedRegex(@"\bsee\s+(?:[A-Z]{1,3}(?:-[A-Z]{1,3})?-?\d+[a-z]?(?:\s*(?:,|and)\s*)?)+")]
    private static partial Regex SeeClause();

    [GeneratedRegex(@"[A-Z]{1,3}(?:-[A-Z]{1,3})?-?\d+[a-z]?")]
    private static partial Regex IdInText();
}
