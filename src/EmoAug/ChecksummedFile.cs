using System.Security.Cryptography;

namespace EmoAug;

/// <summary>
/// Files whose last 32 bytes are the SHA-256 of everything before them (the checkpoints): a file damaged anywhere,
/// not only cut short, is refused naming it instead of being loaded. Written atomically (<see cref="AtomicFile"/>).
/// </summary>
public static class ChecksummedFile
{
    public const int HashLength = 32;

    /// <summary>Lets <paramref name="write"/> fill the body in memory, then writes body and checksum atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var body = new MemoryStream();
        write(body);
        var content = body.GetBuffer().AsSpan(0, (int)body.Length);
        var hash = SHA256.HashData(content);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body.GetBuffer(), 0, (int)body.Length);
            stream.Write(hash);
        });
    }

    /// <summary>The file's bytes without the checksum, after checking it; a mismatch is a one-line user error.</summary>
    public static byte[] ReadVerified(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"{path}: checkpoint not found");
        var bytes = File.ReadAllBytes(path);
        return bytes[..BodyLength(path, bytes)];
    }

    /// <summary>The length of the body of a file's <paramref name="bytes"/>, after checking its checksum.</summary>
    public static int BodyLength(string path, byte[] bytes)
    {
        if (bytes.Length < HashLength ||
            !SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw new EmoAugException($"{path}: damaged (its checksum does not match its content); train again or use another checkpoint");
        return bytes.Length - HashLength;
    }
}
