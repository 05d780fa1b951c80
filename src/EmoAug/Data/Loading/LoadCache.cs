using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;

namespace EmoAug.Data.Loading;

/// <summary>
/// Keeps decoded datasets on disk so a second load is a file read. One file per (root, format, options), named by
/// their hash; inside, a key hashing every input file's path, size and modification time with the options, so any
/// change rebuilds it. Layout (little-endian): magic "EMOAUGC1", header length, pixel length, header (key, classes,
/// samples, labels, skipped items, notes), pixels, then a 64-bit checksum of header and pixels. A file whose length
/// or checksum does not match is treated as absent and rewritten. Written to a temp name, then moved into place.
/// </summary>
internal sealed class LoadCache(string folder)
{
    const string Magic = "EMOAUGC1";
    const int Version = 3; // bump when the decoding changes (resampler, colour conversion, ordering; 2: truncated JPEG/PNG refused; 3: subjects from CK+ file names)

    public string Folder => folder;

    /// <summary>The cache for the options, or null when caching is off.</summary>
    public static LoadCache? For(LoadOptions options)
    {
        if (!options.UseCache) return null;
        var folder = options.CacheDir ?? Environment.GetEnvironmentVariable("EMOAUG_CACHE_DIR");
        if (string.IsNullOrWhiteSpace(folder)) folder = Path.Combine(Directory.GetCurrentDirectory(), ".cache", "emoaug");
        return new LoadCache(Path.GetFullPath(folder));
    }

    public string FileFor(LoadPlan plan, LoadOptions options) =>
        Path.Combine(folder, $"{ClosedSet.Name(plan.Format)}-{Hash($"{plan.Root}|{OptionsText(plan, options)}")[..16]}.bin");

    /// <summary>The key of the current inputs: any added, removed, resized or touched file changes it.</summary>
    public static string Key(LoadPlan plan, LoadOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{Version}|{OptionsText(plan, options)}\n"));
        var line = new StringBuilder();
        foreach (var (path, length, ticks) in plan.Inputs)
        {
            line.Clear().Append(path).Append('|').Append(length).Append('|').Append(ticks).Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }
        if (options.ExcludeList != null && File.Exists(options.ExcludeList))
            hash.AppendData(File.ReadAllBytes(options.ExcludeList));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    static string OptionsText(LoadPlan plan, LoadOptions options) =>
        $"{ClosedSet.Name(plan.Format)}|{options.Size}|{options.SkipInvalid}|{(options.ExcludeList == null ? "" : Path.GetFullPath(options.ExcludeList))}" +
        // Appended only when on, so caches written before it still match; it names the detector, whose change moves faces.
        (options.AlignFaces ? "|align-faces:blazeface" : "");

    static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The cached set for this key, or null when absent, stale or damaged (why goes to <paramref name="why"/>).</summary>
    public DecodedSet? TryRead(string file, string key, out string? why)
    {
        why = null;
        if (!File.Exists(file)) return null;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            Span<byte> prefix = stackalloc byte[24];
            stream.ReadExactly(prefix);
            long headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix[8..]);
            long pixelLength = BinaryPrimitives.ReadInt64LittleEndian(prefix[16..]);
            if (Encoding.ASCII.GetString(prefix[..8]) != Magic || headerLength < 0 || pixelLength < 0 ||
                stream.Length != 24 + headerLength + pixelLength + 8)
            {
                why = "damaged (wrong length)";
                return null;
            }
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            // the pixels go straight into the tensor the dataset will hold
            var pixels = torch.empty([pixelLength], torch.ScalarType.Byte);
            try
            {
                var bytes = DecodedSet.BytesOf(pixels);
                stream.ReadExactly(bytes);
                Span<byte> trailer = stackalloc byte[8];
                stream.ReadExactly(trailer);
                if (BinaryPrimitives.ReadUInt64LittleEndian(trailer) != Checksum(header, bytes))
                {
                    why = "damaged (checksum)";
                    return null;
                }
                var set = ReadHeader(header, pixels, key);
                if (set == null) why = "stale (inputs changed)";
                return set;
            }
            finally
            {
                pixels.Dispose(); // a set that was read holds its own view of the storage
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            why = $"unreadable ({ex.Message.Split('\n')[0]})";
            return null;
        }
    }

    static DecodedSet? ReadHeader(byte[] header, torch.Tensor pixels, string key)
    {
        using var reader = new BinaryReader(new MemoryStream(header), Encoding.UTF8);
        if (reader.ReadInt32() != Version || reader.ReadString() != key) return null;
        int size = reader.ReadInt32(), count = reader.ReadInt32();
        var classes = ReadList(reader, r => r.ReadString());
        var splits = ReadList(reader, r => r.ReadString());
        var samples = new FaceSample[count];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            var source = reader.ReadString();
            var subject = reader.ReadBoolean() ? reader.ReadString() : null;
            samples[i] = new FaceSample(source, subject, splits[reader.ReadInt32()]);
            labels[i] = reader.ReadInt64();
        }
        var skipped = ReadList(reader, r => new SkippedItem(r.ReadString(), r.ReadString(), r.ReadString()));
        var notes = ReadList(reader, r => r.ReadString());
        if (pixels.NumberOfElements != (long)count * size * size) return null;
        return new DecodedSet(size, pixels.reshape(count, 1, size, size), labels, samples, classes, skipped, notes);
    }

    static List<T> ReadList<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        int n = reader.ReadInt32();
        var list = new List<T>(n);
        for (int i = 0; i < n; i++) list.Add(read(reader));
        return list;
    }

    /// <summary>Writes the set atomically (temp file, then move).</summary>
    public void Write(string file, string key, DecodedSet set)
    {
        Directory.CreateDirectory(folder);
        var headerStream = new MemoryStream();
        using (var writer = new BinaryWriter(headerStream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(key);
            writer.Write(set.Size);
            writer.Write(set.Samples.Count);
            WriteList(writer, set.ClassNames, (w, c) => w.Write(c));
            var splits = set.Samples.Select(s => s.Split).Distinct(StringComparer.Ordinal).ToList();
            var splitIndex = splits.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
            WriteList(writer, splits, (w, s) => w.Write(s));
            for (int i = 0; i < set.Samples.Count; i++)
            {
                var sample = set.Samples[i];
                writer.Write(sample.Source);
                writer.Write(sample.Subject != null);
                if (sample.Subject != null) writer.Write(sample.Subject);
                writer.Write(splitIndex[sample.Split]);
                writer.Write(set.Labels[i]);
            }
            WriteList(writer, set.Skipped, (w, s) => { w.Write(s.Source); w.Write(s.Kind); w.Write(s.Message); });
            WriteList(writer, set.Notes, (w, n) => w.Write(n));
        }
        var header = headerStream.ToArray();
        AtomicFile.Write(file, stream =>
        {
            {
                Span<byte> prefix = stackalloc byte[24];
                Encoding.ASCII.GetBytes(Magic, prefix[..8]);
                BinaryPrimitives.WriteInt64LittleEndian(prefix[8..], header.Length);
                using var contiguous = set.Images.contiguous();
                var pixels = DecodedSet.BytesOf(contiguous);
                BinaryPrimitives.WriteInt64LittleEndian(prefix[16..], pixels.Length);
                stream.Write(prefix);
                stream.Write(header);
                stream.Write(pixels);
                Span<byte> trailer = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(trailer, Checksum(header, pixels));
                stream.Write(trailer);
            }
        });
    }

    static void WriteList<T>(BinaryWriter writer, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        writer.Write(items.Count);
        foreach (var item in items) write(writer, item);
    }

    /// <summary>A fast 64-bit checksum (multiply-rotate over 8-byte words); it catches damage, not tampering.</summary>
    static ulong Checksum(ReadOnlySpan<byte> header, ReadOnlySpan<byte> pixels) =>
        Checksum(pixels, Checksum(header, 0x9E3779B97F4A7C15UL));

    static ulong Checksum(ReadOnlySpan<byte> data, ulong seed)
    {
        ulong h = seed ^ (ulong)data.Length;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words) h = BitOperations.RotateLeft(h ^ word, 31) * 0x9E3779B97F4A7C15UL;
        foreach (var b in data[(words.Length * 8)..]) h = BitOperations.RotateLeft(h ^ b, 31) * 0x9E3779B97F4A7C15UL;
        return h ^ (h >> 29);
    }
}
