using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Tests.Runner;

/// <summary>Builds small nbformat 4 notebooks for the tests, in the course's Polyglot Notebooks shape.</summary>
public sealed class NotebookJson
{
    private readonly JsonArray cells = [];

    public NotebookJson Markdown(string source)
    {
        cells.Add(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = Lines(source) });
        return this;
    }

    public NotebookJson Code(string source, params JsonNode[] outputs)
    {
        cells.Add(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode?)o.DeepClone()).ToArray()),
            ["source"] = Lines(source),
        });
        return this;
    }

    public static JsonNode Stream(string text, string name = "stdout") =>
        new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = Lines(text) };

    public static JsonNode Error(string ename, string evalue, params string[] traceback) =>
        new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["traceback"] = new JsonArray(traceback.Select(line => (JsonNode?)line).ToArray()),
        };

    public static JsonNode Display(string mimeType, string content) =>
        new JsonObject
        {
            ["output_type"] = "display_data",
            ["metadata"] = new JsonObject(),
            ["data"] = new JsonObject { [mimeType] = Lines(content) },
        };

    public string ToJson() =>
        new JsonObject
        {
            ["cells"] = cells.DeepClone(),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public string WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ToJson());
        return path;
    }

    /// <summary>nbformat's usual array of lines, each but the last ending in \n.</summary>
    private static JsonArray Lines(string text)
    {
        var parts = text.Split('\n');
        return new JsonArray(parts
            .Select((line, i) => (JsonNode?)(i < parts.Length - 1 ? line + "\n" : line))
            .Where(node => node!.GetValue<string>().Length > 0)
            .ToArray());
    }
}
