using EmoAug.Generators;
using System.Text.Json.Serialization;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Training;

namespace EmoAug.Experiments.Planning;

/// <summary>
/// One unit of an experiment's plan: a piece of work done alone, from its fully resolved options, once the units it
/// depends on are done. Its result goes into the ledger under <see cref="Id"/>.
/// </summary>
/// <param name="Id">The ledger key (<see cref="UnitIds"/>).</param>
/// <param name="Fold">The fold whose faces it uses.</param>
/// <param name="DependsOn">Ids of the units whose results it reads.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ClassifierRunPlan), "classifier")]
[JsonDerivedType(typeof(GanTrainingPlan), "gan")]
[JsonDerivedType(typeof(PretrainedGanPlan), "pretrained-gan")]
[JsonDerivedType(typeof(StarGanTrainingPlan), "stargan")]
[JsonDerivedType(typeof(GenerationPlan), "generation")]
[JsonDerivedType(typeof(QualityPlan), "quality")]
[JsonDerivedType(typeof(GanTrainPlan), "gan-train")]
public abstract record PlannedUnit(string Id, string Fold, IReadOnlyList<string> DependsOn);

/// <summary>What a classifier run is for: an arm of the comparison, a GAN's guide, or GAN-test's judge from scratch.</summary>
public enum ClassifierRole { Arm, Guide, Judge }

/// <summary>Generated faces one classifier run adds for one target class: <paramref name="Wanted"/> in all, in equal
/// shares from each generation (the first take the remainder).</summary>
public sealed record GeneratedInput(int Target, int Wanted, IReadOnlyList<string> Generations);

/// <summary>Trains one classifier on the fold's training faces (plus generated ones) and scores the fold's test faces.</summary>
/// <param name="FilterBy">For arms that keep the generated faces most like their target: the baseline run that picks them.</param>
public sealed record ClassifierRunPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, ClassifierRole Role,
    int Seed, ArmSettings Arm, ClassifierOptions Options, string Directory, IReadOnlyList<GeneratedInput> Generated,
    string? FilterBy) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>Trains one CycleGAN source -> target on the fold's training faces (resuming a checkpoint in its folder).</summary>
public sealed record GanTrainingPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, string Source, string Target,
    CycleGanOptions Options, string Directory) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>Trains one StarGAN on the fold's training faces of every class (resuming a checkpoint in its folder).</summary>
public sealed record StarGanTrainingPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, StarGanOptions Options,
    string Directory) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>A generator trained beforehand (--gan-from), used as it is: a CycleGAN of one source and target, or a StarGAN
/// (Source and Target "all", <paramref name="Epochs"/> its iterations).</summary>
public sealed record PretrainedGanPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, string Source, string Target,
    string Checkpoint, int Epochs, GeneratorFamily Family = GeneratorFamily.CycleGan) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>Translates the fold's source training faces into <paramref name="Count"/> target faces with one GAN (a
/// CycleGAN of that pair, or the fold's StarGAN).</summary>
public sealed record GenerationPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, string Gan, string Source,
    string Target, int Count, string Directory) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>GAN-train of a fold's StarGAN (<see cref="EmoAug.Evaluation.GanTrain"/>): the baseline arm's classifier
/// trained on <paramref name="FacesPerClass"/> of its faces of every class alone, and on as many real training faces,
/// both scored on the fold's test faces.</summary>
public sealed record GanTrainPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, string Gan, int FacesPerClass,
    ClassifierOptions Options, string Directory) : PlannedUnit(Id, Fold, DependsOn);

/// <summary>GAN-test, KID and identity of one generation, by one judge.</summary>
public sealed record QualityPlan(string Id, string Fold, IReadOnlyList<string> DependsOn, string Gan, string Generation,
    string Source, string Target, string Judge, string JudgedBy) : PlannedUnit(Id, Fold, DependsOn);
