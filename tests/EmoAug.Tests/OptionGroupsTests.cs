using System.CommandLine;
using EmoAug.Cli;
using EmoAug.Cli.Commands;
using Xunit;

namespace EmoAug.Tests;

// Console.Out is process-wide: run alone so that no other test's output lands in the captured help.
[Collection(SharedRandomGenerator.Name)]
public class OptionGroupsTests
{
    [Theory]
    [InlineData("experiment")]
    [InlineData("train-gan")]
    public void HelpListsEveryOptionOnceUnderItsGroupsHeading(string name)
    {
        var groups = name == "experiment" ? ExperimentCommand.HelpGroups : TrainGanCommand.HelpGroups;
        var command = EmoAugCommands.Root().Subcommands.Single(c => c.Name == name);
        var help = Help(name);
        var lines = help.Split('\n');
        Assert.DoesNotContain("Options:", lines);
        foreach (var option in command.Options.Where(o => !o.Hidden))
            Assert.Single(lines, l => l.StartsWith($"  {option.Name} ") || l.TrimEnd() == $"  {option.Name}");
        foreach (var group in groups)
        {
            int heading = Array.IndexOf(lines, group.Title + ":");
            Assert.True(heading > 0, $"no heading '{group.Title}:' in\n{help}");
            var rows = lines.Skip(heading + 1).TakeWhile(l => l.Length > 0).Where(l => l.Length > 2 && l[2] != ' ')
                .Select(l => l.Trim().Split(' ')[0]).ToList();
            Assert.Equal(group.Options, rows);
        }
        Assert.Contains("Other options:", lines);
        Assert.Contains(lines, l => l.Contains("--help"));
    }

    [Fact]
    public void CommandsWithoutGroupsKeepTheStandardLayout()
    {
        var help = Help("evaluate");
        Assert.Contains("\nOptions:\n", help);
        Assert.Contains("--model <model>", help);
    }

    [Fact]
    public void RegroupKeepsAWrappedDescriptionWithItsOption()
    {
        var help = "Usage:\n  x [options]\n\nOptions:\n  --a <a>  first line\n           second line\n  --b      b\n  -?, -h, --help  help\n";
        var grouped = OptionGroups.Regroup(help, [new OptionGroup("B first", "--b"), new OptionGroup("Then A", "--a")]);
        Assert.Equal("Usage:\n  x [options]\n\nB first:\n  --b      b\n\nThen A:\n  --a <a>  first line\n           second line\n\n" +
                     "Other options:\n  -?, -h, --help  help\n", grouped);
    }

    static string Help(string command)
    {
        var output = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(), [command, "--help"]));
        }
        finally
        {
            Console.SetOut(saved);
        }
        return output.ToString().Replace("\r\n", "\n");
    }
}
