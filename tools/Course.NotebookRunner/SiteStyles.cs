namespace Course.NotebookRunner;

/// <summary>The site's CSS, inlined in every page so the site needs no other file to look right.</summary>
public static class SiteStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
               color: #1f2328; background: #fff; margin: 0; }
        main, nav, header.page { max-width: 1000px; margin: 0 auto; padding: 0 1.25rem; }
        nav { padding-top: 1rem; font-size: 0.9rem; }
        a { color: #0969da; }
        h1, h2, h3 { line-height: 1.25; }
        pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; }
        pre { overflow-x: auto; padding: 0.75rem; border-radius: 6px; margin: 0.5rem 0; white-space: pre; }
        :not(pre) > code { background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
        table { border-collapse: collapse; margin: 0.75rem 0; }
        th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        td.path { white-space: nowrap; }
        .math { font-family: "Latin Modern Math", "STIX Two Math", Cambria, serif; font-style: italic; }
        div.math { text-align: center; margin: 0.75rem 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .cell { margin: 1rem 0; }
        .cell.code { border-left: 3px solid #d0d7de; padding-left: 0.75rem; position: relative; }
        .prompt { color: #6e7781; font-size: 0.8rem; font-family: ui-monospace, monospace; }
        pre.source { background: #f6f8fa; border: 1px solid #d0d7de; }
        .output { margin: 0.25rem 0 0.5rem; overflow-x: auto; }
        .output pre { background: #fff; border: 1px solid #eaeef2; }
        .output pre.stderr { background: #fff8f0; }
        .output img { max-width: 100%; }
        .error { background: #ffebe9; border: 1px solid #cf222e; border-radius: 6px; padding: 0.5rem 0.75rem; color: #82071e; }
        .error pre { background: transparent; border: none; padding: 0.25rem 0; margin: 0; white-space: pre-wrap; }
        .status { padding: 0.5rem 0.75rem; border-radius: 6px; margin: 1rem 0; }
        .status.passed { background: #dafbe1; border: 1px solid #1a7f37; }
        .status.failed, .status.timedout { background: #ffebe9; border: 1px solid #cf222e; }
        .status pre { white-space: pre-wrap; background: transparent; margin: 0.25rem 0 0; padding: 0; }
        td.passed { color: #1a7f37; font-weight: 600; }
        td.failed, td.timedout { color: #cf222e; font-weight: 600; }
        .note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 0.5rem 0.75rem; }
        footer { color: #6e7781; font-size: 0.8rem; max-width: 1000px; margin: 2rem auto; padding: 0 1.25rem; }
        """;
}
