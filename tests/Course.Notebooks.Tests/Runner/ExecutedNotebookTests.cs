namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;

public sealed class ExecutedNotebookTests
{
    [Fact]
    public void A_notebook_without_errors_has_no_first_error()
    {
        var notebook = ExecutedNotebook.Parse(new NotebookJson()
            .Markdown("# Title\ntext")
            .Code("1+1", NotebookJson.Display("text/plain", "2"))
            .Code("Console.WriteLine(\"hi\");", NotebookJson.Stream("hi\n"))
            .ToJson());

        Assert.Equal(3, notebook.CellCount);
        Assert.Equal(2, notebook.CodeCellCount);
        Assert.Null(notebook.FirstError);
        Assert.Equal("Title", notebook.Title);
        Assert.Equal("1+1", notebook.Cells[1].Source);
        Assert.Equal("csharp", notebook.Cells[1].Language);
        Assert.Equal("2", notebook.Cells[1].Outputs[0].Data!["text/plain"]);
    }

    [Fact]
    public void The_first_error_names_its_cell_counting_every_cell()
    {
        var notebook = ExecutedNotebook.Parse(new NotebookJson()
            .Markdown("# Title")
            .Code("1+1")
            .Code("throw new InvalidOperationException(\"boom\");",
                NotebookJson.Error("Error", "System.InvalidOperationException: boom\n   at Submission#2.<<Initialize>>d__0.MoveNext()", "   at Submission#2"))
            .Code("int x = \"s\";", NotebookJson.Error("Error", "(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'"))
            .ToJson());

        var error = Assert.IsType<CellError>(notebook.FirstError);
        Assert.Equal(3, error.CellNumber);
        Assert.Equal("Error", error.EName);
        Assert.Equal("System.InvalidOperationException: boom", error.Message);
        Assert.Equal(["   at Submission#2"], error.Traceback);
    }

    [Fact]
    public void A_stream_before_the_error_is_kept_and_the_error_is_found()
    {
        var notebook = ExecutedNotebook.Parse(new NotebookJson()
            .Code("Console.WriteLine(\"before\"); throw new Exception(\"after\");",
                NotebookJson.Stream("before\n"),
                NotebookJson.Error("Error", "System.Exception: after"))
            .ToJson());

        var cell = Assert.Single(notebook.Cells);
        Assert.Equal(["stream", "error"], cell.Outputs.Select(o => o.OutputType));
        Assert.Equal("before\n", cell.Outputs[0].Text);
        Assert.Equal("stdout", cell.Outputs[0].StreamName);
        Assert.Equal(1, notebook.FirstError!.CellNumber);
        Assert.Equal("System.Exception: after", notebook.FirstError.Message);
    }

    [Theory]
    [InlineData("NameError", "name 'x' is not defined", "NameError: name 'x' is not defined")]
    [InlineData("Error", "(1,1): error CS0103: The name 'x' does not exist\n(2,1): error CS0103: …", "(1,1): error CS0103: The name 'x' does not exist")]
    [InlineData("Error", "", "Error")]
    [InlineData("System.Exception", "System.Exception: already named", "System.Exception: already named")]
    public void The_error_message_is_one_line(string ename, string evalue, string expected) =>
        Assert.Equal(expected, new CellError(1, ename, evalue, []).Message);

    [Fact]
    public void Source_as_one_string_and_execution_counts_are_read()
    {
        const string json = """
            {"cells":[{"cell_type":"code","execution_count":7,"metadata":{},"source":"var a = 1;\nvar b = 2;",
              "outputs":[{"output_type":"execute_result","execution_count":7,"data":{"application/json":{"a":1}},"metadata":{}}]}],
             "metadata":{},"nbformat":4,"nbformat_minor":5}
            """;

        var cell = Assert.Single(ExecutedNotebook.Parse(json).Cells);

        Assert.Equal("var a = 1;\nvar b = 2;", cell.Source);
        Assert.Equal(7, cell.ExecutionCount);
        Assert.Equal("""{"a":1}""", cell.Outputs[0].Data!["application/json"]);
    }

    [Fact]
    public void Something_that_is_not_a_notebook_is_rejected() =>
        Assert.Throws<InvalidDataException>(() => ExecutedNotebook.Parse("""{"nbformat":4}"""));
}
