using System.Text.Json;
using TorchSharp.Modules;

namespace EmoAug.Generators.StarGan;

/// <summary>What a StarGAN checkpoint says about its run, stored as JSON at the start of the file.</summary>
/// <param name="ClassNames">The generator's target classes, in the order of its one-hot planes and of the discriminator's logits.</param>
/// <param name="Size">Side of the square faces.</param>
/// <param name="CompletedIterations">Iterations done when it was written; a resumed run goes on from the next one.</param>
/// <param name="TrainCount">Training faces it learnt from.</param>
public sealed record StarGanCheckpointHeader(int Version, StarGanOptions Options, IReadOnlyList<string> ClassNames, int Size,
    int CompletedIterations, IReadOnlyList<StarGanInterval> History, int TrainCount, DateTime SavedUtc);

/// <summary>
/// One file holds a whole StarGAN run: a magic string, the JSON header, the generator and the discriminator
/// (TorchSharp's state format), both Adam states, and a SHA-256 of everything before it, so a file damaged anywhere is
/// refused instead of loaded. Written atomically, so a run killed while saving keeps the previous interval's file.
/// </summary>
public static class StarGanCheckpoint
{
    public const string FileName = "stargan.ckpt";
    public const string Magic = "EMOAUG-STARGAN";
    public const int Version = 2;

    /// <summary>The header's JSON is snake_case, as every other file EmoAug writes, from version 2; version 1 wrote
    /// .NET's property names and still loads.</summary>
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    static readonly JsonSerializerOptions PropertyNamesJson = new();

    public static void Save(string path, StarGanCheckpointHeader header, StarGanNetworks networks, Adam generatorOptimizer,
        Adam discriminatorOptimizer)
    {
        ChecksummedFile.Write(path, body =>
        {
            using var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(JsonSerializer.Serialize(header, Json));
            networks.Generator.save(writer);
            networks.Discriminator.save(writer);
            generatorOptimizer.save_state_dict(writer);
            discriminatorOptimizer.save_state_dict(writer);
        });
    }

    /// <summary>True when the file starts as a StarGAN checkpoint (how `generate` and `gan-quality` tell the two families apart).</summary>
    public static bool IsStarGan(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
            return reader.ReadString() == Magic;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads the header alone (no checksum check: the tensors are not used).</summary>
    public static StarGanCheckpointHeader ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"{path}: checkpoint not found");
        using var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads the networks (and, when given, both optimizers) after checking the file's checksum.</summary>
    public static StarGanCheckpointHeader Load(string path, StarGanNetworks networks, Adam? generatorOptimizer = null,
        Adam? discriminatorOptimizer = null)
    {
        using var reader = new BinaryReader(new MemoryStream(ChecksummedFile.ReadVerified(path)), System.Text.Encoding.UTF8);
        var header = ReadHeader(reader, path);
        try
        {
            networks.Generator.load(reader);
            networks.Discriminator.load(reader);
            if (generatorOptimizer is null || discriminatorOptimizer is null) return header;
            generatorOptimizer.load_state_dict(reader);
            discriminatorOptimizer.load_state_dict(reader);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or InvalidOperationException or IOException)
        {
            throw new EmoAugException($"{path}: written by different network sizes ({ex.Message.Split('\n')[0]})");
        }
        return header;
    }

    static StarGanCheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new EmoAugException($"{path}: not an EmoAug StarGAN checkpoint");
            int version = reader.ReadInt32();
            if (version is < 1 or > Version) throw new EmoAugException($"{path}: checkpoint version {version}, this build reads 1 to {Version}");
            return JsonSerializer.Deserialize<StarGanCheckpointHeader>(reader.ReadString(), version >= 2 ? Json : PropertyNamesJson)
                   ?? throw new EmoAugException($"{path}: empty checkpoint header");
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException or IOException)
        {
            throw new EmoAugException($"{path}: not an EmoAug StarGAN checkpoint ({ex.Message.Split('\n')[0]})");
        }
    }
}
