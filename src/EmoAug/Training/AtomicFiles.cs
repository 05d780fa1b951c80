using System.Text;

namespace EmoAug.Training;

/// <summary>Writes files so that a reader (or a kill) never sees half of one: write "name.tmp", then rename.</summary>
public static class AtomicFiles
{
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
}
