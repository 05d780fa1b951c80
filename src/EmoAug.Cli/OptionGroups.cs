using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace EmoAug.Cli;

/// <summary>A heading of a command's --help and the options listed under it, by name.</summary>
public sealed record OptionGroup(string Title, params string[] Options);

/// <summary>
/// --help of commands with many options shows them in groups (a command's generator options apart from its
/// classifier's); options no group names are listed last under "Other options". System.CommandLine renders every
/// row as it always does (its layout API is internal): this only moves the rows of its "Options:" section under the
/// headings. Commands without groups keep its layout.
/// </summary>
public static class OptionGroups
{
    public static void Apply(RootCommand root, IReadOnlyDictionary<string, IReadOnlyList<OptionGroup>> groupsByCommand)
    {
        foreach (var command in root.Subcommands)
            if (groupsByCommand.TryGetValue(command.Name, out var groups))
                foreach (var name in groups.SelectMany(g => g.Options))
                    if (command.Options.All(o => o.Name != name))
                        throw new InvalidOperationException($"{command.Name}: a help group names {name}, which it does not have");
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new GroupedHelp((HelpAction)help.Action!, groupsByCommand);
    }

    sealed class GroupedHelp(HelpAction standard, IReadOnlyDictionary<string, IReadOnlyList<OptionGroup>> groupsByCommand)
        : SynchronousCommandLineAction
    {
        // As the standard help: --help works on a command line that misses required options.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var command = parseResult.CommandResult.Command;
            if (command is RootCommand || !groupsByCommand.TryGetValue(command.Name, out var groups)) return standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            var captured = new StringWriter();
            parseResult.InvocationConfiguration.Output = captured;
            try { standard.Invoke(parseResult); }
            finally { parseResult.InvocationConfiguration.Output = output; }
            output.Write(Regroup(captured.ToString(), groups));
            return 0;
        }
    }

    /// <summary>The help text with its "Options:" section split under the groups' headings.</summary>
    public static string Regroup(string help, IReadOnlyList<OptionGroup> groups)
    {
        var lines = help.Replace("\r\n", "\n").Split('\n').ToList();
        int start = lines.IndexOf("Options:");
        if (start < 0) return help;
        int end = start + 1;
        while (end < lines.Count && lines[end].StartsWith(' ')) end++;
        // A row starts at column 2 with its names; its wrapped description continues on lines indented further.
        var rows = new List<(string Name, List<string> Lines)>();
        foreach (var line in lines.GetRange(start + 1, end - start - 1))
            if (line.Length > 2 && line[2] != ' ') rows.Add((NameOf(line), [line]));
            else if (rows.Count > 0) rows[^1].Lines.Add(line);
        var text = new StringBuilder();
        foreach (var line in lines.Take(start)) text.Append(line).Append('\n');
        void Section(string title, IEnumerable<(string Name, List<string> Lines)> section)
        {
            var chosen = section.ToList();
            if (chosen.Count == 0) return;
            text.Append(title).Append(":\n");
            foreach (var line in chosen.SelectMany(r => r.Lines)) text.Append(line).Append('\n');
            text.Append('\n');
        }
        foreach (var group in groups)
            Section(group.Title, group.Options.SelectMany(name => rows.Where(r => r.Name == name)));
        Section("Other options", rows.Where(r => groups.All(g => !g.Options.Contains(r.Name))));
        foreach (var line in lines.Skip(end).SkipWhile(l => l.Length == 0)) text.Append(line).Append('\n');
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The row's long name: "--data" of "  --data &lt;data&gt;  Dataset path", "--help" of "  -?, -h, --help".</summary>
    static string NameOf(string row)
    {
        var names = row.Trim().Split("  ")[0].Split(' ').TakeWhile(t => !t.StartsWith('<')).Select(t => t.TrimEnd(',')).ToList();
        return names.LastOrDefault(n => n.StartsWith("--")) ?? names[0];
    }
}
