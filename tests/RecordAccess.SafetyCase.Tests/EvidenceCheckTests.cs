using System.Xml.Linq;
using Xunit;

namespace RecordAccess.SafetyCase.Tests;

/// <summary>
/// The hazard → test check the test command runs after every suite: a hazard is green only when the tests its
/// log row names ran in this run and passed.
/// </summary>
public sealed class EvidenceCheckTests
{
    private const string Log = """
        # Hazard log

        | # | Hazard | Cause | Control | Test that shows it | Status |
        |---|---|---|---|---|---|
        | H1 | Abuser reads the record | grant | rules 6, 7 | `RuleTests.Rule6_Restricted_NoGrantOverrides`, `Rule7_*`; corpus `r06-*` | Controlled |
        | H2 | Result seen early | label | rule 11 | see H1 | Controlled |

        ## Storage

        | id | hazard | cause | control | test that shows it |
        |---|---|---|---|---|
        | ST-1 | **Redaction lost** | replay | log keyed by `EntryId` and `Policy:MaxStaleness` | `BatchCodeTests` (6 tests) |
        | ST-2 | Block not in force | lag | follower | `Consent_Refused_ChangesNothing(other-practice)` |

        ## Not a hazard table

        | setting | meaning |
        |---|---|
        | X1 | something |
        """;

    [Fact]
    public void Parse_HazardTables_RowsWithTheirEvidenceAndSectionOthersIgnored()
    {
        var rows = HazardLog.Parse(Log);

        Assert.Equal(["H1", "H2", "ST-1", "ST-2"], rows.Select(r => r.Id));
        Assert.Equal("Storage", rows[2].Section);
        Assert.Equal("**Redaction lost**", rows[2].Hazard);
        Assert.Equal("see H1", rows[1].Evidence);
    }

    [Fact]
    public void Cells_PipeInsideCodeSpanOrEscaped_StaysInItsCell()
    {
        var cells = HazardLog.Cells("| A1 | `a|b` and a\\|b | last |");

        Assert.Equal(["A1", "`a|b` and a|b", "last"], cells);
    }

    [Fact]
    public void Check_EveryNamedTestPassed_AllGreenAndSeeCountsTheOtherRowsTests()
    {
        var evidence = EvidenceCheck.Check(HazardLog.Parse(Log), AllPassing());

        Assert.All(evidence, e => Assert.True(e.Green, string.Join("; ", e.Problems)));
        var h1 = evidence.Single(e => e.Row.Id == "H1");
        Assert.Equal(4, h1.Tests.Count); // Rule6, two Rule7_ methods, one r06- corpus case (the r07- one is not r06-)
        Assert.Equal(h1.Tests.Count, evidence.Single(e => e.Row.Id == "H2").Tests.Count);
        Assert.Equal(2, evidence.Single(e => e.Row.Id == "ST-1").Tests.Count); // the class's tests, not the setting
        Assert.Single(evidence.Single(e => e.Row.Id == "ST-2").Tests); // the theory row with that argument only
    }

    [Theory]
    [InlineData("Failed", "failed: RuleTests.Rule7_SafeguardingFlag_Withheld")]
    [InlineData("NotExecuted", "notexecuted: RuleTests.Rule7_SafeguardingFlag_Withheld")]
    public void Check_NamedTestFailedOrSkipped_RedNamingItAndTheRowsThatReferToIt(string outcome, string problem)
    {
        var results = AllPassing().Select(r => r.Name.EndsWith("Rule7_SafeguardingFlag_Withheld", StringComparison.Ordinal) ? r with { Outcome = outcome } : r).ToList();

        var evidence = EvidenceCheck.Check(HazardLog.Parse(Log), results);

        Assert.Contains(problem, evidence.Single(e => e.Row.Id == "H1").Problems);
        Assert.Contains(problem, evidence.Single(e => e.Row.Id == "H2").Problems);
        Assert.True(evidence.Single(e => e.Row.Id == "ST-1").Green);
    }

    [Fact]
    public void Check_NamedTestNotInTheRun_RedAsMissing()
    {
        var results = AllPassing().Where(r => !r.Name.EndsWith("Rule6_Restricted_NoGrantOverrides", StringComparison.Ordinal)).ToList();

        var h1 = EvidenceCheck.Check(HazardLog.Parse(Log), results).Single(e => e.Row.Id == "H1");

        Assert.False(h1.Green);
        Assert.Contains("no such test in this run: RuleTests.Rule6_Restricted_NoGrantOverrides", h1.Problems);
    }

    [Fact]
    public void Check_TheoryArgumentNamedButNoRowHasIt_RedAsMissing()
    {
        var results = AllPassing().Where(r => !r.Arguments.Contains("other-practice", StringComparison.Ordinal)).ToList();

        var st2 = EvidenceCheck.Check(HazardLog.Parse(Log), results).Single(e => e.Row.Id == "ST-2");

        Assert.Contains("no such test in this run: Consent_Refused_ChangesNothing(other-practice)", st2.Problems);
    }

    [Theory]
    [InlineData("| H9 | x | y | z | none yet | Open |", "names no test")]
    [InlineData("| H9 | x | y | z | see H42 | Open |", "refers to H42, which is not in the log")]
    [InlineData("| H1 | x | y | z | `Rule6_Restricted_NoGrantOverrides` | Open |", "id H1 is used by 2 rows")]
    public void Check_RowWithoutEvidenceOrDanglingReferenceOrDuplicateId_Red(string row, string problem)
    {
        var log = Log.Replace("| H2 | Result seen early | label | rule 11 | see H1 | Controlled |", row, StringComparison.Ordinal);

        var evidence = EvidenceCheck.Check(HazardLog.Parse(log), AllPassing());

        Assert.Contains(evidence, e => !e.Green && e.Problems.Any(p => p.StartsWith(problem, StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_TrxAsDotnetTestWritesIt_NamesArgumentsAndOutcomes()
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var trx = new XDocument(new XElement(ns + "TestRun", new XElement(ns + "Results",
            new XElement(ns + "UnitTestResult", new XAttribute("testName", "A.B.CorpusTests.Evaluate_Case(file: \"r06-x.json\")"), new XAttribute("outcome", "Passed")),
            new XElement(ns + "UnitTestResult", new XAttribute("testName", "A.B.RuleTests.Rule6_X"), new XAttribute("outcome", "Failed")))));

        var results = TestResults.Read(trx, "suite").ToList();

        Assert.Equal(("A.B.CorpusTests.Evaluate_Case", "file: \"r06-x.json\"", true), (results[0].Name, results[0].Arguments, results[0].Passed));
        Assert.Equal(("RuleTests.Rule6_X", false), (results[1].ShortName, results[1].Passed));
    }

    [Fact]
    public void Main_GreenRedAndUnreadable_Exit0Then1Then2()
    {
        var directory = Directory.CreateTempSubdirectory("safety-case-");
        try
        {
            var log = Path.Combine(directory.FullName, "hazard-log.md");
            File.WriteAllText(log, Log);
            var results = Directory.CreateDirectory(Path.Combine(directory.FullName, "results")).FullName;
            Write(Path.Combine(results, "a.trx"), AllPassing());

            var green = Program.Main(["--hazard-log", log, "--results", results]);
            Write(Path.Combine(results, "a.trx"), AllPassing().Select(r => r with { Outcome = r.ShortName.StartsWith("BatchCodeTests", StringComparison.Ordinal) ? "Failed" : "Passed" }));
            var red = Program.Main(["--hazard-log", log, "--results", results]);
            var unreadable = Program.Main(["--hazard-log", Path.Combine(directory.FullName, "absent.md"), "--results", results]);

            Assert.Equal((0, 1, 2), (green, red, unreadable));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Table_RedRow_PrintsReasonsAndTotals()
    {
        var evidence = EvidenceCheck.Check(HazardLog.Parse(Log), AllPassing().Where(r => !r.ShortName.StartsWith("BatchCodeTests", StringComparison.Ordinal)).ToList());

        var table = Program.Table(evidence);

        Assert.Contains("ST-1    RED", table, StringComparison.Ordinal);
        Assert.Contains("- no such test in this run: BatchCodeTests", table, StringComparison.Ordinal);
        Assert.EndsWith("4 hazards: 3 green, 1 red" + Environment.NewLine, table, StringComparison.Ordinal);
    }

    [Fact]
    public void RealHazardLog_EveryRowHasEvidenceAndAUniqueId()
    {
        var rows = HazardLog.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hazard-log.md")));

        Assert.True(rows.Count >= 80, $"only {rows.Count} hazard rows parsed");
        Assert.Empty(rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Evidence), $"{r.Id} (line {r.Line}) has no evidence cell"));
    }

    private static List<TestResult> AllPassing() =>
    [
        new("RecordAccess.Core.Tests.RuleTests.Rule6_Restricted_NoGrantOverrides", string.Empty, "Passed", "core"),
        new("RecordAccess.Core.Tests.RuleTests.Rule7_SafeguardingFlag_Withheld", string.Empty, "Passed", "core"),
        new("RecordAccess.Core.Tests.RuleTests.Rule7_SafeguardingFlag_NoGrantOverrides", string.Empty, "Passed", "core"),
        new("RecordAccess.Core.Tests.CorpusTests.Evaluate_CorpusCase_Expected", "file: \"r06-restricted.json\"", "Passed", "core"),
        new("RecordAccess.Core.Tests.CorpusTests.Evaluate_CorpusCase_Expected", "file: \"r07-flagged.json\"", "Passed", "core"),
        new("RecordAccess.Server.Tests.Admin.BatchCodeTests.BatchCode_One_Applies", string.Empty, "Passed", "server"),
        new("RecordAccess.Server.Tests.Admin.BatchCodeTests.BatchCode_Two_Refused", string.Empty, "Passed", "server"),
        new("RecordAccess.Server.Tests.Fhir.ConsentTests.Consent_Refused_ChangesNothing", "caller: \"other-practice\"", "Passed", "server"),
        new("RecordAccess.Server.Tests.Fhir.ConsentTests.Consent_Refused_ChangesNothing", "caller: \"no-token\"", "Passed", "server"),
    ];

    private static void Write(string path, IEnumerable<TestResult> results)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        new XDocument(new XElement(ns + "TestRun", new XElement(ns + "Results", results.Select(r =>
            new XElement(ns + "UnitTestResult",
                new XAttribute("testName", r.Arguments.Length > 0 ? $"{r.Name}({r.Arguments})" : r.Name),
                new XAttribute("outcome", r.Outcome)))))).Save(path);
    }
}
