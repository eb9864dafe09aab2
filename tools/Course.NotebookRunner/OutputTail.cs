using System.Text;

namespace Course.NotebookRunner;

/// <summary>Keeps only the last lines a child process wrote: enough to explain a crash, bounded in memory.</summary>
public sealed class OutputTail(int maxLines = 40)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string prefix, string line)
    {
        lock (gate)
        {
            lines.Enqueue(prefix + line);
            while (lines.Count > maxLines)
                lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            var text = new StringBuilder();
            foreach (var line in lines)
                text.AppendLine(line);
            return text.ToString().TrimEnd();
        }
    }
}
