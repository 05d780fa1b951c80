using System.Text.Json.Serialization;

namespace EmoAug.Models;

/// <summary>Architecture options of a classifier.</summary>
/// <param name="Dropout">Dropout probability before the fully connected layers; null = the model's default
/// (paper-cnn 0, as the paper; vgg 0.4).</param>
/// <param name="ExtraConv">paper-cnn only, not in the paper: a third convolution (3x3, 128 filters, ReLU) and max-pool
/// after the second, the change with which the UW reproduction went from 56% to 60% on FER2013 (with dropout). Written
/// to JSON only when on, so checkpoints and experiment settings made before it existed still match.</param>
/// <param name="Precision">The number type of the convolutions and fully connected layers (<see cref="ComputePrecision"/>):
/// null = float32, or "bfloat16". Written to JSON only when set, like <paramref name="ExtraConv"/>.</param>
public sealed record ModelOptions(
    double? Dropout = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool ExtraConv = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Precision = null);
