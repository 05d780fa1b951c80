namespace EmoAug;

/// <summary>
/// Keeps a second process from writing into a run folder while one does: the folder's hidden `.lock` file is held open
/// exclusively (an OS file lock, released when the run ends or its process dies), and a second run into the folder
/// is refused with one line instead of interleaving checkpoints with the first.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".lock";
    readonly FileStream stream;

    RunFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>Creates the folder if needed and locks it; an <see cref="EmoAugException"/> naming it if another run holds it.</summary>
    public static RunFolderLock Acquire(string folder)
    {
        RefuseFile(folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        try
        {
            return new RunFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new EmoAugException($"--out {folder}: another EmoAug run is writing there ({path} is locked); wait for it to end or choose another folder");
        }
    }

    /// <summary>A one-line error when the folder a run is to write is a file (or lies under one).</summary>
    public static void RefuseFile(string folder)
    {
        for (var path = Path.GetFullPath(folder); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
            if (File.Exists(path))
                throw new EmoAugException($"--out {folder}: {(path == Path.GetFullPath(folder) ? "is a file" : $"{path} is a file")}; give a folder");
    }

    public void Dispose() => stream.Dispose();
}
