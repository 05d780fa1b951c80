using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace EmoAug.Runtime;

/// <summary>The two kinds of device LibTorch trains on here.</summary>
public enum DeviceKind { Cpu, Cuda }

/// <summary>
/// Where a network trains and scores: the CPU (the default), or a CUDA device, the first or the one at
/// <paramref name="Index"/>. Written "cpu", "cuda", "cuda:1", as the command line's `--device` and the files always
/// spelt it, so options written when the device was a string still load.
/// </summary>
[JsonConverter(typeof(ComputeDeviceJson))]
public readonly partial record struct ComputeDevice(DeviceKind Kind, int? Index = null)
{
    public static ComputeDevice Cpu => default;

    /// <summary>The device <paramref name="name"/> names (any case), or an error naming `--device` and its choices.</summary>
    public static ComputeDevice Parse(string name)
    {
        var match = Name().Match(name.Trim());
        if (!match.Success) throw new EmoAugException($"--device {name}: unknown; choose cpu, cuda or cuda:N");
        if (match.Groups["cpu"].Success) return Cpu;
        return new ComputeDevice(DeviceKind.Cuda, match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value) : null);
    }

    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : Index is { } i ? $"cuda:{i}" : "cuda";

    [GeneratedRegex("^((?<cpu>cpu)|cuda(:(?<index>[0-9]{1,4}))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Name();
}

/// <summary>Reads and writes a <see cref="ComputeDevice"/> by its name.</summary>
public sealed class ComputeDeviceJson : JsonConverter<ComputeDevice>
{
    public override ComputeDevice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? ComputeDevice.Parse(reader.GetString()!)
            : throw new JsonException("a device is a name: cpu, cuda or cuda:N");

    public override void Write(Utf8JsonWriter writer, ComputeDevice value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
