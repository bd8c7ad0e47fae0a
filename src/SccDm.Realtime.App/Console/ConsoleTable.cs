namespace SccDm.Realtime.App.Terminal;

/// <summary>A plain-text table for terminal reports (doctor, bench, eval); no colour when output is redirected.</summary>
internal sealed class ConsoleTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; missing cells are blank.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table to <paramref name="writer"/>.</summary>
    public void Write(TextWriter writer)
    {
        int columns = headers.Length;
        var widths = new int[columns];
        for (int c = 0; c < columns; c++)
        {
            widths[c] = headers[c].Length;
            foreach (string[] row in _rows)
            {
                if (c < row.Length)
                {
                    widths[c] = Math.Max(widths[c], row[c].Length);
                }
            }
        }
        WriteRow(writer, headers, widths);
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var parts = new string[widths.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            string cell = c < cells.Length ? cells[c] : "";
            parts[c] = c == widths.Length - 1 ? cell : cell.PadRight(widths[c]);
        }
        writer.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
