using RecordAccess.Core.Cases;

namespace RecordAccess.Core.Tests;

/// <summary>The conformance corpus under <c>tests/conformance</c>, copied beside the test assembly.</summary>
internal static class Corpus
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "conformance");

    public static IEnumerable<string> Files => System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal);

    public static CorpusCase Load(string fileName) => CaseReader.ReadCorpusCase(File.ReadAllBytes(Path.Combine(Directory, fileName)));
}
