namespace EmoAug.Models;

/// <summary>Builds a classifier network by its name ("paper-cnn", "vgg").</summary>
public static class ClassifierModels
{
    public static readonly IReadOnlyList<string> Names = [PaperCnn.ModelName, VggNet.ModelName];

    public static ClassifierModel Create(string name, int classes, int size, ModelOptions? options = null)
    {
        options ??= new ModelOptions();
        if (options.Dropout is < 0 or >= 1)
            throw new EmoAugException($"--dropout {options.Dropout}: must be in [0, 1)");
        var model = name.ToLowerInvariant();
        if (options.ExtraConv && model != PaperCnn.ModelName)
            throw new EmoAugException($"--extra-conv: only {PaperCnn.ModelName} has it, not {name}");
        var precision = ComputePrecision.Of(options.Precision);
        return model switch
        {
            PaperCnn.ModelName => new PaperCnn(classes, size, options.Dropout ?? 0, options.ExtraConv, precision),
            VggNet.ModelName => new VggNet(classes, size, options.Dropout ?? 0.4, precision),
            _ => throw new EmoAugException($"--network {name}: unknown network; choose one of {string.Join(", ", Names)}"),
        };
    }
}
