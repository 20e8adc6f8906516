using System.Text.Json;
using RecordAccess.Core.Cases;
using Xunit;

namespace RecordAccess.Cli.Tests;

/// <summary><c>recordaccess evaluate</c> as a child process: the corpus, the exact output format, and every kind of bad input.</summary>
public sealed class EvaluateCommandTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "conformance");

    public static TheoryData<string> CorpusFiles => new(Directory.EnumerateFiles(CorpusDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Evaluate_CorpusCase_PrintsExpectedDecisionsInRequestOrder(string file)
    {
        var path = Path.Combine(CorpusDirectory, file);
        var corpusCase = CaseReader.ReadCorpusCase(File.ReadAllBytes(path));
        using var caseOnly = JsonDocument.Parse(File.ReadAllBytes(path));

        // The corpus file wraps the case; the CLI takes the bare case, here through standard input.
        var result = CliProcess.Run(caseOnly.RootElement.GetProperty("case").GetRawText(), "evaluate", "-");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        using var output = JsonDocument.Parse(result.Stdout);
        var decisions = output.RootElement.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(corpusCase.Request.Entries.Select(e => e.Id), decisions.Select(d => d.GetProperty("entryId").GetString()));
        foreach (var d in decisions)
        {
            var expected = corpusCase.Expected[d.GetProperty("entryId").GetString()!];
            Assert.Equal(expected.ToString(), d.GetProperty("reason").GetString());
            Assert.Equal(expected == Core.Model.ReasonCode.Visible, d.GetProperty("visible").GetBoolean());
        }
    }

    [Fact]
    public void Evaluate_ExampleFile_ExactOutputShape()
    {
        var result = CliProcess.Run(null, "evaluate", Path.Combine("examples", "adult-with-hidden-document.json"));

        Assert.Equal(0, result.ExitCode);
        using var output = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["ruleSetVersion", "decisions"], output.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Core.Model.RuleSet.Version, output.RootElement.GetProperty("ruleSetVersion").GetString());
        var first = output.RootElement.GetProperty("decisions")[0];
        Assert.Equal(["entryId", "visible", "reason"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"entryId":"cons-2024-02-01","visible":true,"reason":"Visible"}""", first.GetRawText());
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"entries":[{"id":3}]}""", "$.entries[0].id: expected a string")]
    [InlineData("""{"entries":[{"id":"e1","code":1364731000000104}]}""", "$.entries[0].code: expected a string")]
    [InlineData("""{"entries":[],"safeguardingFlag":true}""", "$.safeguardingFlag: unknown field")]
    [InlineData("""{"entries":[],"patient":{"restricted":"no"}}""", "$.patient.restricted: expected true or false")]
    [InlineData("""{"evaluationDate":"2024-10-15"}""", "$.entries: is required")]
    [InlineData("[]", "$: expected an object")]
    public void Evaluate_NotACase_Exit2AndMessageNamingTheField(string stdin, string message)
    {
        var result = CliProcess.Run(stdin, "evaluate", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_InvalidValues_Exit0AndDecisionUnavailable()
    {
        const string Case = """
            {"evaluationDate":"2024-10-15","practice":{"ods":"A81001","switchOnDate":"2023-10-31"},
             "patient":{"nhsNumber":"9434765918","dateOfBirth":"1980-05-05","registrationDate":"2010-01-01"},
             "entries":[{"id":"e1","recordedDate":"2024-01-02","kind":"consultation","status":"final"}]}
            """;
        var result = CliProcess.Run(Case, "evaluate", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"reason\":\"DecisionUnavailable\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EntryRecordsAnAccessCode_RuleSet2025AnswersAccessControlCode()
    {
        const string Case = """
            {"evaluationDate":"2024-10-15","practice":{"ods":"A81001","switchOnDate":"2023-10-31"},
             "patient":{"nhsNumber":"9434765919","dateOfBirth":"1980-05-05","registrationDate":"2010-01-01"},
             "entries":[{"id":"e1","recordedDate":"2024-01-02","kind":"coded","status":"final","code":"1364731000000104"}]}
            """;
        var result = CliProcess.Run(Case, "evaluate", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """{"ruleSetVersion":"2025.1","decisions":[{"entryId":"e1","visible":false,"reason":"AccessControlCode"}]}""",
            result.Stdout.Trim());
    }

    [Fact]
    public void Evaluate_MissingFile_Exit2AndMessage()
    {
        var result = CliProcess.Run(null, "evaluate", "no-such-case.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read no-such-case.json", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("frobnicate")]
    [InlineData("evaluate", "a.json", "--colour")]
    public void Run_BadUsage_Exit2AndPointsToHelp(params string[] args)
    {
        var result = CliProcess.Run(null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("recordaccess --help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ForNewcomers_NamesTheCommandAndTheRuleTable()
    {
        var result = CliProcess.Run(null, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("evaluate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("docs/rule-table.md", result.Stdout, StringComparison.Ordinal);
    }
}
