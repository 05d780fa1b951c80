using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>What a checkpoint says about its run, stored as JSON at the start of the file.</summary>
/// <param name="CompletedEpochs">Epochs finished when it was written; a resumed run starts with the next one.</param>
/// <param name="Size">Side of the square faces the networks were trained on.</param>
public sealed record CycleGanCheckpointHeader(int Version, CycleGanOptions Options, string FromClass, string ToClass,
    IReadOnlyList<string> ClassNames, int Size, int CompletedEpochs, IReadOnlyList<CycleGanEpoch> History,
    DateTime SavedUtc);

/// <summary>
/// One file holds a whole CycleGAN run: a magic string, the JSON header, the four networks (TorchSharp's state
/// format, in the order G_AB, G_BA, D_A, D_B), the generators' and discriminators' Adam states, and both image pools
/// (count, then float32 pixels), and (from version 2) a SHA-256 of all that (<see cref="ChecksummedFile"/>), so a
/// file damaged anywhere is refused naming it. Version 1 files, written before the checksum, still load unchecked.
/// Written atomically, so a run killed while saving keeps the previous epoch's file.
/// </summary>
public static class CycleGanCheckpoint
{
    public const string FileName = "cyclegan.ckpt";
    const string Magic = "EMOAUG-CYCLEGAN";
    public const int Version = 3;
    const int FirstVersion = 1;

    /// <summary>The header's JSON is snake_case, as every other file EmoAug writes, from version 3; versions 1 and 2
    /// wrote .NET's property names and still load.</summary>
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    static readonly JsonSerializerOptions PropertyNamesJson = new();

    public static void Save(string path, CycleGanCheckpointHeader header, CycleGanNetworks networks,
        TorchSharp.Modules.Adam generatorOptimizer, TorchSharp.Modules.Adam discriminatorOptimizer, ImagePool poolA, ImagePool poolB)
    {
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(JsonSerializer.Serialize(header, Json));
            foreach (var module in networks.All) module.save(writer);
            generatorOptimizer.save_state_dict(writer);
            discriminatorOptimizer.save_state_dict(writer);
            WritePool(writer, poolA);
            WritePool(writer, poolB);
        });
    }

    /// <summary>Reads only the header (cheap; for generation and resume checks).</summary>
    public static CycleGanCheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads the generators (and, when given, the discriminators, optimizers and pools) saved in <paramref name="path"/>.</summary>
    public static CycleGanCheckpointHeader Load(string path, CycleGanNetworks networks, TorchSharp.Modules.Adam? generatorOptimizer = null,
        TorchSharp.Modules.Adam? discriminatorOptimizer = null, ImagePool? poolA = null, ImagePool? poolB = null)
    {
        int version;
        using (var peek = Open(path)) version = ReadHeader(peek, path).Version;
        using var reader = version == FirstVersion ? Open(path)
            : new BinaryReader(new MemoryStream(ChecksummedFile.ReadVerified(path)), System.Text.Encoding.UTF8);
        var header = ReadHeader(reader, path);
        try
        {
            networks.GeneratorAB.load(reader);
            networks.GeneratorBA.load(reader);
            networks.DiscriminatorA.load(reader);
            networks.DiscriminatorB.load(reader);
            if (generatorOptimizer is null || discriminatorOptimizer is null) return header;
            generatorOptimizer.load_state_dict(reader);
            discriminatorOptimizer.load_state_dict(reader);
            var device = networks.GeneratorAB.parameters().First().device;
            ReadPool(reader, poolA, header.Size, device);
            ReadPool(reader, poolB, header.Size, device);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new EmoAugException($"{path}: damaged or written by different network sizes ({ex.Message.Split('\n')[0]})");
        }
        return header;
    }

    /// <summary>The checkpoint file for a --gan argument: the file itself, or <see cref="FileName"/> inside a run folder.</summary>
    public static string Resolve(string pathOrDirectory, string option = "--gan")
    {
        var path = Directory.Exists(pathOrDirectory) ? Path.Combine(pathOrDirectory, FileName) : pathOrDirectory;
        if (!File.Exists(path)) throw new EmoAugException($"{option} {pathOrDirectory}: no CycleGAN checkpoint there ({path} does not exist)");
        return path;
    }

    static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"{path}: checkpoint not found");
        return new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
    }

    static CycleGanCheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new EmoAugException($"{path}: not an EmoAug CycleGAN checkpoint");
            int version = reader.ReadInt32();
            if (version is < FirstVersion or > Version)
                throw new EmoAugException($"{path}: checkpoint version {version}, this build reads {FirstVersion} to {Version}");
            return JsonSerializer.Deserialize<CycleGanCheckpointHeader>(reader.ReadString(), version >= 3 ? Json : PropertyNamesJson)
                   ?? throw new EmoAugException($"{path}: empty checkpoint header");
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException or IOException)
        {
            throw new EmoAugException($"{path}: not an EmoAug CycleGAN checkpoint ({ex.Message.Split('\n')[0]})");
        }
    }

    static void WritePool(BinaryWriter writer, ImagePool pool)
    {
        using var stored = pool.Snapshot();
        writer.Write(pool.Count);
        if (stored is null) return;
        var values = stored.cpu().contiguous().data<float>().ToArray();
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    static void ReadPool(BinaryReader reader, ImagePool? pool, int size, Device device)
    {
        int count = reader.ReadInt32();
        var bytes = reader.ReadBytes(count * size * size * sizeof(float));
        if (bytes.Length != count * size * size * sizeof(float)) throw new EndOfStreamException("image pool cut short");
        if (pool is null) return;
        if (count == 0) { pool.Restore(null); return; }
        var values = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        using var stored = torch.tensor(values, [count, 1, size, size]).to(device);
        pool.Restore(stored);
    }
}
