using System.Xml.Linq;

namespace RecordAccess.SafetyCase;

/// <summary>One test result of the run.</summary>
/// <param name="Name">The fully qualified test name without arguments (<c>Namespace.Class.Method</c>).</param>
/// <param name="Arguments">The theory's arguments as displayed (<c>file: "r06-x.json"</c>), or empty.</param>
/// <param name="Outcome">The outcome as the TRX file says it (<c>Passed</c>, <c>Failed</c>, <c>NotExecuted</c>, ...).</param>
/// <param name="Suite">The TRX file it came from.</param>
internal sealed record TestResult(string Name, string Arguments, string Outcome, string Suite)
{
    public bool Passed => Outcome == "Passed";

    /// <summary>The test's name as a reader would write it: <c>Class.Method</c>.</summary>
    public string ShortName
    {
        get
        {
            var method = Name.LastIndexOf('.');
            var type = method > 0 ? Name.LastIndexOf('.', method - 1) : -1;
            return type >= 0 ? Name[(type + 1)..] : Name;
        }
    }
}

/// <summary>Reads the results of a run from the TRX files `dotnet test --logger trx` wrote.</summary>
internal static class TestResults
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TestResult> ReadDirectory(string directory)
    {
        var files = Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files.SelectMany(f => Read(XDocument.Load(f), Path.GetFileNameWithoutExtension(f))).ToList();
    }

    public static IEnumerable<TestResult> Read(XDocument trx, string suite)
    {
        foreach (var result in trx.Descendants(Trx + "UnitTestResult"))
        {
            var display = (string?)result.Attribute("testName") ?? string.Empty;
            var outcome = (string?)result.Attribute("outcome") ?? "Unknown";
            var open = display.IndexOf('(', StringComparison.Ordinal);
            var name = open >= 0 ? display[..open] : display;
            var arguments = open >= 0 ? display[(open + 1)..].TrimEnd(')') : string.Empty;
            yield return new TestResult(name.Trim(), arguments, outcome, suite);
        }
    }
}
