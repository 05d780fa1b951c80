namespace EmoAug.Models;

/// <summary>Architecture options of a classifier.</summary>
/// <param name="Dropout">Dropout probability before the fully connected layers; null = the model's default
/// (paper-cnn 0, as the paper; vgg 0.4).</param>
public sealed record ModelOptions(double? Dropout = null);
