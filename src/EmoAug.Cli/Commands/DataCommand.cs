using System.CommandLine;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug data ...`: look at datasets. (inspect is added by the loaders' work.)</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Work with datasets: inspect what a path holds.");
        return data;
    }
}
