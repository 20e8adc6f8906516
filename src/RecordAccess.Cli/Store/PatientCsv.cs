using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Cli.Store;

/// <summary>
/// Reads a batch-coding file: one patient per line, the NHS number in the first comma-separated column
/// (the displayed form <c>943 476 5919</c> is accepted). A first line without digits is a header. Blank
/// lines are skipped. Line numbers are the file's, for the report.
/// </summary>
internal static class PatientCsv
{
    public static List<BatchRow> Read(TextReader reader)
    {
        var rows = new List<BatchRow>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var first = text.Split(',', 2)[0].Trim().Trim('"');
            if (first.Length == 0)
            {
                continue;
            }

            if (line == 1 && !first.Any(char.IsAsciiDigit))
            {
                continue;
            }

            rows.Add(new BatchRow(line, first));
        }

        return rows;
    }
}
