namespace EmoAug;

/// <summary>
/// Writes files so that a reader (or a run killed midway) sees either the old file or the whole new one: the content
/// goes to a temporary name beside the target, then is renamed over it.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, tmp => File.WriteAllText(tmp, text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, tmp => File.WriteAllBytes(tmp, bytes));

    /// <summary>Runs <paramref name="writeTo"/> on a temporary path, flushes it to disk, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTo)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var tmp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            writeTo(tmp);
            using (var stream = new FileStream(tmp, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Opens a stream to a temporary file; <paramref name="write"/> fills it; then it replaces <paramref name="path"/>.</summary>
    public static void WriteStream(string path, Action<Stream> write) => Write(path, tmp =>
    {
        using var stream = File.Create(tmp);
        write(stream);
    });
}
