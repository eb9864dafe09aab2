namespace Course.NotebookRunner;

/// <summary>The first error output of a notebook, with the cell it came from.</summary>
public sealed record CellError(int CellNumber, string EName, string EValue, IReadOnlyList<string> Traceback)
{
    /// <summary>One line for tables: .NET Interactive puts "Error" in ename and the exception
    /// ("System.X: message") or the compiler diagnostic in the first line of evalue.</summary>
    public string Message
    {
        get
        {
            var firstLine = EValue.Split('\n', 2)[0].TrimEnd('\r').Trim();
            if (string.IsNullOrEmpty(firstLine))
                return string.IsNullOrEmpty(EName) ? "(error without a message)" : EName;
            return string.IsNullOrEmpty(EName) || EName == "Error" || firstLine.StartsWith(EName, StringComparison.Ordinal)
                ? firstLine
                : $"{EName}: {firstLine}";
        }
    }
}
