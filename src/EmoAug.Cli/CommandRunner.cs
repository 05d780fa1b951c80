using System.CommandLine;
using EmoAug;

namespace EmoAug.Cli;

/// <summary>
/// Parses and runs a command with the project's error rules: a wrong option or a user error prints one line on
/// stderr and exits 2; an unexpected failure prints one line (the stack trace only with EMOAUG_DEBUG=1) and exits 1.
/// </summary>
public static class CommandRunner
{
    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run with --help to see the options.");
            return 2;
        }
        try
        {
            return parsed.Invoke();
        }
        catch (Exception ex)
        {
            return Report(ex);
        }
    }

    /// <summary>Wraps an action so that its user errors become one line and exit code 2.</summary>
    public static Func<ParseResult, int> Guard(Func<ParseResult, int> action) => parse =>
    {
        try { return action(parse); }
        catch (Exception ex) { return Report(ex); }
    };

    static int Report(Exception ex)
    {
        var userError = ex as EmoAugException ?? ex.InnerException as EmoAugException;
        if (userError != null)
        {
            Console.Error.WriteLine($"error: {userError.Message}");
            return 2;
        }
        if (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        Console.Error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        if (Environment.GetEnvironmentVariable("EMOAUG_DEBUG") == "1") Console.Error.WriteLine(ex);
        return 1;
    }
}
