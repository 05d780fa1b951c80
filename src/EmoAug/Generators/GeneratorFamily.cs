using System.Text.Json.Serialization;
using EmoAug.Generators.StarGan;

namespace EmoAug.Generators;

/// <summary>The two generator families: a CycleGAN per source and target (the paper's), or one StarGAN for every class
/// (docs/stargan.md). Written "cyclegan" and "stargan", as the command line and the files always spelt them.</summary>
[JsonConverter(typeof(ClosedSetJson<GeneratorFamily>))]
public enum GeneratorFamily
{
    [JsonStringEnumMemberName("cyclegan")] CycleGan,
    [JsonStringEnumMemberName("stargan")] StarGan,
}

public static class GeneratorFamilies
{
    /// <summary>The family of the checkpoint at <paramref name="path"/>.</summary>
    public static GeneratorFamily Of(string path) => StarGanCheckpoint.IsStarGan(path) ? GeneratorFamily.StarGan : GeneratorFamily.CycleGan;
}
