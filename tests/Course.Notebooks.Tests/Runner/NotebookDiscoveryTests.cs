namespace Course.Notebooks.Tests.Runner;

using Course.NotebookRunner;

public sealed class NotebookDiscoveryTests
{
    [Fact]
    public void A_folder_gives_its_notebooks_sorted_by_path_without_checkpoints()
    {
        var folder = TestRepository.ScratchNotebookFolder("discovery");
        var notebook = new NotebookJson().Code("1+1");
        notebook.WriteTo(Path.Combine(folder, "b", "02.ipynb"));
        notebook.WriteTo(Path.Combine(folder, "b", "01.ipynb"));
        notebook.WriteTo(Path.Combine(folder, "a.ipynb"));
        notebook.WriteTo(Path.Combine(folder, "b", ".ipynb_checkpoints", "01-checkpoint.ipynb"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a notebook");

        var found = NotebookDiscovery.Discover(TestRepository.Layout, [folder], TestRepository.Layout.Root);

        Assert.Equal(
            ["artifacts/test-notebooks/discovery/a.ipynb", "artifacts/test-notebooks/discovery/b/01.ipynb", "artifacts/test-notebooks/discovery/b/02.ipynb"],
            found.Select(nb => nb.RelativePath));
        // Outside notebooks/, the site and executed/ mirror the repository-relative path.
        Assert.Equal("artifacts/test-notebooks/discovery/b/01", found[1].OutputName);
    }

    [Fact]
    public void A_path_given_twice_runs_once()
    {
        var folder = TestRepository.ScratchNotebookFolder("discovery-twice");
        var path = new NotebookJson().Code("1+1").WriteTo(Path.Combine(folder, "x.ipynb"));

        var found = NotebookDiscovery.Discover(TestRepository.Layout, [path, folder], TestRepository.Layout.Root);

        Assert.Single(found);
    }

    [Fact]
    public void Course_notebooks_are_named_relative_to_the_notebooks_folder()
    {
        var layout = TestRepository.Layout;
        var file = NotebookFile.Create(layout, Path.Combine(layout.NotebooksDirectory, "01-consensus", "01-raft.ipynb"));

        Assert.Equal("notebooks/01-consensus/01-raft.ipynb", file.RelativePath);
        Assert.Equal("01-consensus/01-raft", file.OutputName);
    }

    [Fact]
    public void The_repository_root_is_found_from_a_nested_folder()
    {
        var nested = Path.Combine(TestRepository.Layout.Root, "tools", "Course.NotebookRunner");

        Assert.Equal(TestRepository.Layout.Root, RepositoryLayout.Find(nested).Root);
    }
}
