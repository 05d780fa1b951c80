using System.CommandLine;
using System.Text.Json;
using EmoAug.Cli;
using EmoAug.Cli.Commands;
using SixLabors.ImageSharp;
using Xunit;

namespace EmoAug.Tests.Data;

public class DataInspectCommandTests
{
    static (int Code, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(DataCommand.Create(output));
        int code = CommandRunner.Run(root, args);
        return (code, output.ToString());
    }

    [Fact]
    public void InspectSyntheticPrintsOneJsonObjectWithCounts()
    {
        var (code, output) = Run("data", "inspect", "synthetic", "--json", "--size", "32");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("synthetic", root.GetProperty("format").GetString());
        int total = root.GetProperty("total").GetInt32();
        int sum = root.GetProperty("splits").EnumerateObject()
            .Sum(split => split.Value.EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(total, sum);
        Assert.Equal(["train", "val", "test"], root.GetProperty("splits").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("subjects").GetInt32() > 1);
        Assert.Equal(7, root.GetProperty("classes").GetArrayLength());
        Assert.Equal(32, root.GetProperty("size")[0].GetInt32());
        Assert.Equal(0, root.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public void InspectFolderPrintsTablesAndWritesAGridWithOneRowPerClass()
    {
        using var files = new DataFiles();
        files.Gray("set/train/happy/a.png", 200);
        files.Gray("set/train/Pain/b.png", 100);
        files.Text("set/train/happy/c.png", "broken");
        var grid = files.PathOf("out/grid.png");

        var (code, output) = Run("data", "inspect", files.PathOf("set"), "--grid", grid, "--skip-invalid", "--no-cache");

        Assert.Equal(0, code);
        Assert.Contains("format: folders", output);
        Assert.Contains("pain", output);
        Assert.Contains("skipped 1", output);
        Assert.Contains("undecodable-image", output);
        var info = Image.Identify(grid);
        Assert.Equal(2 + 8 * (96 + 2), info.Height); // 7 basic classes + pain, tiles 48 px at scale 2
        Assert.False(File.Exists(grid + ".tmp"));
    }

    [Fact]
    public void InspectOfAMissingPathExitsWith2()
    {
        var (code, output) = Run("data", "inspect", "/no/such/dataset", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", output);
    }
}
