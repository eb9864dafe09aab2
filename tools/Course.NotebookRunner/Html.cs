using System.Text;

namespace Course.NotebookRunner;

/// <summary>Escaping for everything that is not an HTML output.</summary>
public static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>A relative URL from forward-slash path segments, each segment percent-encoded.</summary>
    public static string Url(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(segment => segment == ".." ? segment : Uri.EscapeDataString(segment)));

    /// <summary>The opening of every page of the site, up to (not including) the closing &lt;/head&gt;.</summary>
    public static void AppendHead(System.Text.StringBuilder page, string title, string css)
    {
        page.AppendLine("<!DOCTYPE html>");
        page.AppendLine("<html lang=\"en\">");
        page.AppendLine("<head>");
        page.AppendLine("<meta charset=\"utf-8\">");
        page.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.AppendLine($"<title>{Escape(title)}</title>");
        page.AppendLine($"<style>{css}</style>");
    }
}
