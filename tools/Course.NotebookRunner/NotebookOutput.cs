namespace Course.NotebookRunner;

/// <summary>One output of a code cell, as nbformat 4 stores it.</summary>
/// <param name="OutputType">stream, display_data, execute_result, error, or something newer kept as is.</param>
/// <param name="Data">MIME type → content (multi-line arrays already joined) for display_data / execute_result.</param>
public sealed record NotebookOutput(
    string OutputType,
    string? StreamName = null,
    string? Text = null,
    IReadOnlyDictionary<string, string>? Data = null,
    string? EName = null,
    string? EValue = null,
    IReadOnlyList<string>? Traceback = null)
{
    public bool IsError => OutputType == "error";
}
