using System.Net;
using System.Text;

namespace EmoAug.Reporting;

/// <summary>
/// Builds a report from sections and writes it twice: `report.html`, one self-contained file (styles inline, PNG
/// images embedded as data URIs) and `report.md` (images referenced by path relative to the report). Sections are
/// kept in order; nothing is written until <see cref="Save"/>.
/// </summary>
public sealed class HtmlReport(string title)
{
    abstract record Section;
    sealed record HeadingSection(string Text, int Level) : Section;
    sealed record ParagraphSection(string Text) : Section;
    sealed record CodeSection(string Text) : Section;
    sealed record TableSection(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Section;
    sealed record ImageSection(string Path, string Caption) : Section;

    readonly List<Section> sections = [];

    public string Title { get; } = title;

    /// <summary>A heading; level 2 for sections, 3 for subsections (level 1 is the title).</summary>
    public HtmlReport Heading(string text, int level = 2)
    {
        if (level is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(level), level, "must be 1..6");
        sections.Add(new HeadingSection(text, level));
        return this;
    }

    public HtmlReport Paragraph(string text)
    {
        sections.Add(new ParagraphSection(text));
        return this;
    }

    /// <summary>Preformatted text, e.g. the exact command line and versions.</summary>
    public HtmlReport Code(string text)
    {
        sections.Add(new CodeSection(text));
        return this;
    }

    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var list = rows.ToList();
        int bad = list.FindIndex(r => r.Count != header.Count);
        if (bad >= 0)
            throw new ArgumentException($"table row {bad} has {list[bad].Count} cells, the header {header.Count}", nameof(rows));
        sections.Add(new TableSection([.. header], list));
        return this;
    }

    /// <summary>A PNG image (read when saving); a relative path is taken relative to the report's folder.</summary>
    public HtmlReport Image(string pngPath, string caption)
    {
        sections.Add(new ImageSection(pngPath, caption));
        return this;
    }

    /// <summary>Writes report.html and report.md into <paramref name="directory"/>; returns the HTML file's path.</summary>
    public string Save(string directory)
    {
        var full = Path.GetFullPath(directory);
        var html = ToHtml(full);
        var markdown = ToMarkdown(full);
        AtomicFile.WriteAllText(Path.Combine(full, "report.md"), markdown);
        var htmlPath = Path.Combine(full, "report.html");
        AtomicFile.WriteAllText(htmlPath, html);
        return htmlPath;
    }

    /// <summary>The Markdown text; image links are relative to <paramref name="reportDirectory"/>.</summary>
    public string ToMarkdown(string reportDirectory)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(OneLine(Title)).AppendLine();
        foreach (var section in sections)
        {
            switch (section)
            {
                case HeadingSection h:
                    md.Append(new string('#', h.Level)).Append(' ').AppendLine(OneLine(h.Text));
                    break;
                case ParagraphSection p:
                    md.AppendLine(p.Text);
                    break;
                case CodeSection c:
                    md.AppendLine("```").AppendLine(c.Text.TrimEnd()).AppendLine("```");
                    break;
                case TableSection t:
                    md.AppendLine("| " + string.Join(" | ", t.Header.Select(MarkdownCell)) + " |");
                    md.AppendLine("|" + string.Concat(t.Header.Select(_ => " --- |")));
                    foreach (var row in t.Rows) md.AppendLine("| " + string.Join(" | ", row.Select(MarkdownCell)) + " |");
                    break;
                case ImageSection i:
                    var relative = Path.GetRelativePath(reportDirectory, ResolveImage(reportDirectory, i.Path))
                        .Replace('\\', '/');
                    md.Append("![").Append(OneLine(i.Caption).Replace("]", "\\]")).Append("](")
                        .Append(Uri.EscapeDataString(relative).Replace("%2F", "/")).AppendLine(")");
                    if (i.Caption.Length > 0) md.AppendLine().Append('*').Append(OneLine(i.Caption)).AppendLine("*");
                    break;
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>The self-contained HTML page; images are read and embedded now.</summary>
    public string ToHtml(string reportDirectory)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(Encode(Title)).AppendLine("</title>")
            .AppendLine("<style>")
            .AppendLine("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}")
            .AppendLine("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:right}")
            .AppendLine("th{background:#eef}td:first-child,th:first-child{text-align:left}")
            .AppendLine("pre{background:#f4f4f4;padding:.8em;overflow-x:auto}figure{margin:1em 0}img{max-width:100%}")
            .AppendLine("figcaption{color:#555;font-size:.9em}")
            .AppendLine("</style></head><body>")
            .Append("<h1>").Append(Encode(Title)).AppendLine("</h1>");
        foreach (var section in sections)
        {
            switch (section)
            {
                case HeadingSection h:
                    html.Append($"<h{h.Level}>").Append(Encode(h.Text)).AppendLine($"</h{h.Level}>");
                    break;
                case ParagraphSection p:
                    html.Append("<p>").Append(Encode(p.Text)).AppendLine("</p>");
                    break;
                case CodeSection c:
                    html.Append("<pre><code>").Append(Encode(c.Text.TrimEnd())).AppendLine("</code></pre>");
                    break;
                case TableSection t:
                    html.Append("<table><thead><tr>");
                    foreach (var cell in t.Header) html.Append("<th>").Append(Encode(cell)).Append("</th>");
                    html.AppendLine("</tr></thead><tbody>");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
                        html.AppendLine("</tr>");
                    }
                    html.AppendLine("</tbody></table>");
                    break;
                case ImageSection i:
                    var bytes = File.ReadAllBytes(ResolveImage(reportDirectory, i.Path));
                    html.Append("<figure><img alt=\"").Append(Encode(i.Caption)).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(bytes)).Append("\">");
                    if (i.Caption.Length > 0) html.Append("<figcaption>").Append(Encode(i.Caption)).Append("</figcaption>");
                    html.AppendLine("</figure>");
                    break;
            }
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    static string ResolveImage(string reportDirectory, string path)
    {
        var full = Path.GetFullPath(path, reportDirectory);
        if (!File.Exists(full)) throw new EmoAugException($"{full}: report image not found");
        return full;
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    static string OneLine(string text) => text.ReplaceLineEndings(" ");

    static string MarkdownCell(string text) => OneLine(text).Replace("|", "\\|");
}
