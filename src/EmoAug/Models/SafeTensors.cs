using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// Reads and writes the safetensors format (what `safetensors.torch.load_file` reads in Python): an 8-byte
/// little-endian header length, a JSON header {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__":
/// {string: string}} padded with spaces to 8 bytes, then the raw little-endian tensor data.
/// </summary>
public static class SafeTensors
{
    static readonly Dictionary<ScalarType, string> DtypeNames = new()
    {
        [ScalarType.Float32] = "F32", [ScalarType.Float64] = "F64", [ScalarType.Float16] = "F16",
        [ScalarType.BFloat16] = "BF16", [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32",
        [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8", [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    /// <summary>Writes tensors (in name order) and string metadata atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors export needs a little-endian machine");
        var header = new JsonObject();
        if (metadata != null)
            header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!DtypeNames.TryGetValue(tensor.dtype, out var dtype))
                throw new NotSupportedException($"{name}: dtype {tensor.dtype} has no safetensors name");
            using var contiguous = tensor.detach().cpu().contiguous();
            var bytes = contiguous.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes.Length),
            };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, file =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            file.Write(length);
            file.Write(json);
            for (int i = json.Length; i < padded; i++) file.WriteByte((byte)' ');
            foreach (var blob in blobs) file.Write(blob);
        });
    }

    /// <summary>Reads every tensor (CPU) and the metadata of a safetensors file.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new EmoAugException($"{path}: no such safetensors file");
        var bytes = File.ReadAllBytes(path);
        try
        {
            long headerLength = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            var header = JsonNode.Parse(bytes.AsSpan(8, checked((int)headerLength)))!.AsObject();
            long dataStart = 8 + headerLength;
            var tensors = new Dictionary<string, Tensor>();
            var metadata = new Dictionary<string, string>();
            foreach (var (name, node) in header)
            {
                if (name == "__metadata__")
                {
                    foreach (var (key, value) in node!.AsObject()) metadata[key] = value!.GetValue<string>();
                    continue;
                }
                var dtype = DtypeNames.Single(kv => kv.Value == node!["dtype"]!.GetValue<string>()).Key;
                var shape = node!["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = node["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var tensor = empty(shape, dtype);
                var target = tensor.bytes;
                if (offsets[1] - offsets[0] != target.Length) throw new FormatException($"{name}: data size does not match its shape");
                bytes.AsSpan(checked((int)(dataStart + offsets[0])), target.Length).CopyTo(target);
                tensors[name] = tensor;
            }
            return (tensors, metadata);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException or OverflowException or NullReferenceException)
        {
            throw new EmoAugException($"{path}: not a valid safetensors file ({ex.Message.Split('\n')[0]})");
        }
    }
}
