using Xunit;

namespace EmoAug.Tests;

/// <summary>
/// Tests that train twice and compare the runs bit for bit (resume against an uninterrupted run). Weights, dropout and
/// augmentation draw from LibTorch's one process-wide random generator, so a test training in parallel would take
/// draws out of the middle of a run and change it (seen once: a resume test failing from its first epoch while the
/// experiment tests trained beside it). Tests in this collection run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedRandomGenerator
{
    public const string Name = "LibTorch's shared random generator";
}
