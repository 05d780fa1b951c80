namespace EmoAug.Models;

/// <summary>Builds a classifier network.</summary>
public static class ClassifierModels
{
    public static ClassifierModel Create(ClassifierNetwork network, int classes, int size, ModelOptions? options = null)
    {
        options ??= new ModelOptions();
        if (options.Dropout is < 0 or >= 1)
            throw new EmoAugException($"--dropout {options.Dropout}: must be in [0, 1)");
        if (options.ExtraConv && network != ClassifierNetwork.PaperCnn)
            throw new EmoAugException($"--extra-conv: only {PaperCnn.ModelName} has it, not {ClosedSet.Name(network)}");
        var precision = ComputePrecision.Of(options.Precision);
        return network switch
        {
            ClassifierNetwork.PaperCnn => new PaperCnn(classes, size, options.Dropout ?? 0, options.ExtraConv, precision),
            _ => new VggNet(classes, size, options.Dropout ?? 0.4, precision),
        };
    }
}
