using System.Text.Json;

namespace Course.NotebookRunner;

/// <summary>A notebook read back from disk (executed by dotnet-repl, or a source notebook without outputs).
/// dotnet-repl prints nothing useful when a cell fails, so its output notebook is where failures are read.</summary>
public sealed class ExecutedNotebook
{
    private ExecutedNotebook(IReadOnlyList<NotebookCell> cells) => Cells = cells;

    public IReadOnlyList<NotebookCell> Cells { get; }
    public int CellCount => Cells.Count;
    public int CodeCellCount => Cells.Count(cell => cell.IsCode);

    /// <summary>The first error output in cell order, or null when every cell passed.</summary>
    public CellError? FirstError =>
        Cells.SelectMany(cell => cell.Outputs.Where(o => o.IsError)
                .Select(o => new CellError(cell.Number, o.EName ?? "", o.EValue ?? "", o.Traceback ?? [])))
            .FirstOrDefault();

    /// <summary>The first markdown heading, for page titles; null when there is none.</summary>
    public string? Title =>
        Cells.Where(cell => cell.IsMarkdown)
            .SelectMany(cell => cell.Source.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('#'))
            .Select(line => line.TrimStart('#').Trim())
            .FirstOrDefault(line => line.Length > 0);

    /// <summary>The same notebook with other cells (the site strips the inline plotly.js this way).</summary>
    public ExecutedNotebook WithCells(IReadOnlyList<NotebookCell> cells) => new(cells);

    public static ExecutedNotebook Load(string path) => Parse(File.ReadAllText(path));

    public static ExecutedNotebook Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cells", out var cellsElement)
            || cellsElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException("not a notebook: no 'cells' array");

        var defaultLanguage = DefaultLanguage(root);
        var cells = new List<NotebookCell>();
        foreach (var cell in cellsElement.EnumerateArray())
        {
            var outputs = cell.TryGetProperty("outputs", out var outputsElement) && outputsElement.ValueKind == JsonValueKind.Array
                ? outputsElement.EnumerateArray().Select(ReadOutput).ToList()
                : [];
            cells.Add(new NotebookCell(
                Number: cells.Count + 1,
                CellType: GetString(cell, "cell_type") ?? "raw",
                Source: JoinText(cell, "source") ?? "",
                Outputs: outputs,
                ExecutionCount: cell.TryGetProperty("execution_count", out var count) && count.ValueKind == JsonValueKind.Number
                    ? count.GetInt32()
                    : null,
                Language: CellLanguage(cell) ?? defaultLanguage));
        }
        return new ExecutedNotebook(cells);
    }

    private static NotebookOutput ReadOutput(JsonElement output)
    {
        var type = GetString(output, "output_type") ?? "unknown";
        Dictionary<string, string>? data = null;
        if (output.TryGetProperty("data", out var dataElement) && dataElement.ValueKind == JsonValueKind.Object)
        {
            data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in dataElement.EnumerateObject())
                data[entry.Name] = TextOf(entry.Value);
        }
        IReadOnlyList<string>? traceback = output.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array
            ? tb.EnumerateArray().Select(line => line.ValueKind == JsonValueKind.String ? line.GetString() ?? "" : line.ToString()).ToList()
            : null;
        return new NotebookOutput(
            type,
            StreamName: GetString(output, "name"),
            Text: JoinText(output, "text"),
            Data: data,
            EName: GetString(output, "ename"),
            EValue: GetString(output, "evalue"),
            Traceback: traceback);
    }

    private static string? DefaultLanguage(JsonElement root) =>
        root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("polyglot_notebook", out var polyglot)
            ? GetString(polyglot, "defaultKernelName")
              ?? (polyglot.TryGetProperty("kernelInfo", out var info) ? GetString(info, "defaultKernelName") : null)
            : null;

    private static string? CellLanguage(JsonElement cell)
    {
        if (!cell.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            return null;
        if (metadata.TryGetProperty("polyglot_notebook", out var polyglot) && GetString(polyglot, "kernelName") is { } kernel)
            return kernel;
        return metadata.TryGetProperty("dotnet_interactive", out var interactive) ? GetString(interactive, "language") : null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? JoinText(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? TextOf(value) : null;

    /// <summary>nbformat stores multi-line text either as one string or as an array of lines.
    /// JSON outputs (application/json) are objects: keep them as JSON text.</summary>
    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            string.Concat(value.EnumerateArray().Select(item => item.GetString())),
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
