using System.Text.RegularExpressions;

namespace RecordAccess.SafetyCase;

/// <summary>One hazard row of <c>docs/hazard-log.md</c>.</summary>
/// <param name="Id">The hazard's id (<c>H1</c>, <c>ST-4</c>, <c>F-H6</c>, ...).</param>
/// <param name="Section">The heading the row's table sits under.</param>
/// <param name="Hazard">The hazard's own cell, for the table printed.</param>
/// <param name="Evidence">The "test that shows it" cell.</param>
/// <param name="Line">The 1-based line in the log.</param>
internal sealed record HazardRow(string Id, string Section, string Hazard, string Evidence, int Line);

/// <summary>
/// Reads the hazard tables of the log: every markdown table whose header has a column named like
/// "test that shows it", and in it every row whose first cell is a hazard id.
/// </summary>
internal static partial class HazardLog
{
    public static IReadOnlyList<HazardRow> Parse(string markdown)
    {
        var rows = new List<HazardRow>();
        var section = "(top)";
        int? evidenceColumn = null;
        int? hazardColumn = null;
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                section = line.TrimStart('#').Trim();
                evidenceColumn = null;
                continue;
            }

            if (!line.StartsWith('|'))
            {
                evidenceColumn = null;
                continue;
            }

            var cells = Cells(line);
            if (evidenceColumn is null)
            {
                // A table's header: find its evidence column (a table without one is not a hazard table).
                var e = cells.FindIndex(c => c.Contains("test", StringComparison.OrdinalIgnoreCase) && c.Contains("show", StringComparison.OrdinalIgnoreCase));
                evidenceColumn = e >= 0 ? e : -1;
                var h = cells.FindIndex(c => c.Equals("hazard", StringComparison.OrdinalIgnoreCase));
                hazardColumn = h >= 0 ? h : 1;
                continue;
            }

            if (evidenceColumn < 0 || IsSeparator(cells) || cells.Count == 0 || !HazardId().IsMatch(cells[0]))
            {
                continue;
            }

            var evidence = evidenceColumn < cells.Count ? cells[evidenceColumn.Value] : string.Empty;
            var hazard = hazardColumn < cells.Count ? cells[hazardColumn!.Value] : string.Empty;
            rows.Add(new HazardRow(cells[0], section, hazard, evidence, i + 1));
        }

        return rows;
    }

    /// <summary>The cells of a table row, split on unescaped pipes outside code spans.</summary>
    internal static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var inCode = false;
        var body = line.Trim();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '\\' && i + 1 < body.Length && body[i + 1] == '|')
            {
                current.Append('|');
                i++;
                continue;
            }

            if (c == '|' && !inCode)
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        cells.Add(current.ToString().Trim());

        // The leading and trailing pipes leave an empty first and last cell.
        if (cells.Count > 0 && cells[0].Length == 0)
        {
            cells.RemoveAt(0);
        }

        if (cells.Count > 0 && cells[^1].Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return cells;
    }

    private static bool IsSeparator(List<string> cells) => cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':' or ' '));

    [GeneratedRegex(@"^[A-Z]{1,3}(-[A-Z]{1,3})?-?\d+[a-z]?$")]
    private static partial Regex HazardId();
}
