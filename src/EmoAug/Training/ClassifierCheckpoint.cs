using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using EmoAug.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// A classifier checkpoint: ONE file holding the weights and everything needed to use or resume them.
/// Layout (little-endian): the 8 bytes "EMOAUGCK", int32 format version, int32 header length + UTF-8 JSON
/// <see cref="CheckpointHeader"/>, int64 length + the module's state dict in TorchSharp's format (Module.save),
/// int64 length + the optimizer state (0 bytes in a checkpoint not meant for resuming), and (from version 2) a SHA-256
/// of all that (<see cref="ChecksummedFile"/>), so a file damaged anywhere is refused naming it; version 1 files,
/// written before the checksum, still load unchecked.
/// Written to "name.tmp" and then renamed, so a kill at any moment leaves the previous file intact.
/// </summary>
public sealed class ClassifierCheckpoint
{
    public const int FormatVersion = 2;
    const int FirstVersion = 1;
    static readonly byte[] Magic = "EMOAUGCK"u8.ToArray();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    ClassifierCheckpoint(CheckpointHeader header, byte[] weights, byte[] optimizerState)
    {
        Header = header;
        Weights = weights;
        OptimizerState = optimizerState;
    }

    public CheckpointHeader Header { get; }

    /// <summary>The module's state dict in TorchSharp's format.</summary>
    public byte[] Weights { get; }

    /// <summary>The optimizer's state (empty when not saved).</summary>
    public byte[] OptimizerState { get; }

    /// <summary>Writes a checkpoint atomically.</summary>
    public static void Write(string path, CheckpointHeader header, nn.Module model, OptimizerHelper? optimizer)
    {
        byte[] weights, optimizerState = [];
        using (var stream = new MemoryStream())
        {
            model.save(stream);
            weights = stream.ToArray();
        }
        if (optimizer != null)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
            optimizerState = stream.ToArray();
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        ChecksummedFile.Write(path, file =>
        {
            using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(json.Length);
            writer.Write(json);
            writer.Write((long)weights.Length);
            writer.Write(weights);
            writer.Write((long)optimizerState.Length);
            writer.Write(optimizerState);
        });
    }

    /// <summary>Reads a checkpoint file; a missing, truncated or foreign file is a one-line user error.</summary>
    public static ClassifierCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"{path}: no such checkpoint file");
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            var span = bytes.AsSpan();
            if (span.Length < 16 || !span[..8].SequenceEqual(Magic))
                throw new EmoAugException($"{path}: not an EmoAug classifier checkpoint");
            int version = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
            if (version is not (FirstVersion or FormatVersion))
                throw new EmoAugException($"{path}: checkpoint format version {version}; this EmoAug reads versions {FirstVersion} and {FormatVersion}");
            if (version == FormatVersion) span = span[..ChecksummedFile.BodyLength(path, bytes)];
            int headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
            int at = 16;
            var header = JsonSerializer.Deserialize<CheckpointHeader>(span.Slice(at, headerLength), Json)
                         ?? throw new EmoAugException($"{path}: empty checkpoint header");
            at += headerLength;
            var weights = Block(span, ref at);
            var optimizerState = Block(span, ref at);
            if (at != span.Length) throw new EmoAugException($"{path}: trailing bytes after the checkpoint");
            return new ClassifierCheckpoint(header, weights, optimizerState);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or JsonException or OverflowException)
        {
            throw new EmoAugException($"{path}: damaged or truncated checkpoint ({ex.GetType().Name})");
        }
    }

    static byte[] Block(ReadOnlySpan<byte> span, ref int at)
    {
        long length = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        at += 8;
        var block = span.Slice(at, checked((int)length)).ToArray();
        at += (int)length;
        return block;
    }

    /// <summary>Builds the network the header describes and loads the weights into it (on the CPU, eval mode).</summary>
    public ClassifierModel CreateModel()
    {
        var model = ClassifierModels.Create(Header.Model, Header.ClassNames.Count, Header.Size, Header.ModelOptions);
        LoadWeights(model);
        model.eval();
        return model;
    }

    /// <summary>Loads the saved weights into a network of the same shape.</summary>
    public void LoadWeights(nn.Module model)
    {
        using var stream = new MemoryStream(Weights);
        model.load(stream);
    }

    /// <summary>Restores the saved optimizer state (for resuming).</summary>
    public void LoadOptimizer(OptimizerHelper optimizer)
    {
        if (OptimizerState.Length == 0) throw new EmoAugException("the checkpoint holds no optimizer state to resume from");
        using var stream = new MemoryStream(OptimizerState);
        using var reader = new BinaryReader(stream);
        optimizer.load_state_dict(reader);
    }
}
