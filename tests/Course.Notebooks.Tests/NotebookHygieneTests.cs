namespace Course.Notebooks.Tests;

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Course.Notebooks.Tests.Runner;

/// <summary>Committed notebooks are clean sources that open in VS Code's Polyglot Notebooks and in Jupyter's
/// .NET kernel, and start with the guard and the library reference that DESIGN.md describes.</summary>
public sealed partial class NotebookHygieneTests
{
    public static TheoryData<string> Notebooks => CourseNotebooks.Theory();

    private static JsonNode Load(string notebook)
    {
        Skip.If(notebook == CourseNotebooks.None, "no notebooks are committed under notebooks/ yet");
        return JsonNode.Parse(File.ReadAllText(CourseNotebooks.FullPath(notebook)))!;
    }

    private static IReadOnlyList<(int Number, JsonNode Cell)> Cells(JsonNode notebook) =>
        notebook["cells"]!.AsArray().Select((cell, i) => (i + 1, cell!)).ToList();

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_without_outputs_or_execution_counts(string notebook)
    {
        var problems = Cells(Load(notebook))
            .Where(c => (string?)c.Cell["cell_type"] == "code")
            .SelectMany(c => new[]
            {
                c.Cell["outputs"] is JsonArray { Count: > 0 } ? $"cell {c.Number} has outputs" : null,
                c.Cell["execution_count"] is JsonValue ? $"cell {c.Number} has an execution count" : null,
            })
            .OfType<string>()
            .ToList();

        Assert.True(problems.Count == 0,
            $"{notebook}: {string.Join("; ", problems)}. Clear all outputs before committing (VS Code: Clear All Outputs; or run it and commit the source, not artifacts/executed/).");
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void Has_the_polyglot_csharp_kernel_metadata(string notebook)
    {
        var metadata = Load(notebook)["metadata"];

        Assert.Equal(".net-csharp", (string?)metadata?["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)metadata?["kernelspec"]?["language"]);
        Assert.Equal("polyglot-notebook", (string?)metadata?["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)metadata?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void Starts_with_the_guard_cell_then_the_library_reference(string notebook)
    {
        var codeCells = Cells(Load(notebook)).Where(c => (string?)c.Cell["cell_type"] == "code").Select(c => Source(c.Cell)).ToList();
        Assert.True(codeCells.Count >= 2, $"{notebook}: expected the guard cell and the #r cell, found {codeCells.Count} code cell(s)");
        var folder = Path.GetDirectoryName(CourseNotebooks.FullPath(notebook))!;
        var library = TestRepository.Layout.CourseLibraryPath;

        var guard = codeCells[0];
        var checkedPath = GuardPath().Match(guard);
        Assert.True(checkedPath.Success, $"{notebook}: the first code cell must be the guard `if (!System.IO.File.Exists(\"…/artifacts/course/Course.Notebooks.dll\")) throw …`:\n{guard}");
        Assert.Equal(library, Path.GetFullPath(Path.Combine(folder, checkedPath.Groups["path"].Value)));
        Assert.Matches(@"throw\s+new\s+(System\.IO\.)?FileNotFoundException\s*\(", guard);
        Assert.Contains("dotnet build", guard);

        var reference = codeCells[1];
        var referenced = ReferencePath().Match(reference);
        Assert.True(referenced.Success, $"{notebook}: the second code cell must start with #r \"…/artifacts/course/Course.Notebooks.dll\":\n{reference}");
        var resolved = Path.GetFullPath(Path.Combine(folder, referenced.Groups["path"].Value));
        Assert.Equal(library, resolved);
        Assert.True(File.Exists(resolved), $"{notebook}: {resolved} does not exist (the test project builds lib/Course.Notebooks into artifacts/course/)");
    }

    [GeneratedRegex("""File\.Exists\(\s*"(?<path>[^"]*artifacts/course/Course\.Notebooks\.dll)"\s*\)""")]
    private static partial Regex GuardPath();

    // #r must be the very first token of its cell (CS7009 otherwise).
    [GeneratedRegex(@"\A#r ""(?<path>[^""]*artifacts/course/Course\.Notebooks\.dll)""")]
    private static partial Regex ReferencePath();
}
