namespace Course.NotebookRunner;

/// <summary>The machine cannot run notebooks at all (e.g. <c>dotnet tool restore</c> failed).</summary>
public sealed class RunnerSetupException(string message) : Exception(message);
