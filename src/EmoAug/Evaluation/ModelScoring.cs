using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>Runs a network over many uint8 images in batches, without gradients, in eval mode.</summary>
public static class ModelScoring
{
    /// <summary>Logits [N,K] (float, on the CPU) of uint8 images [N,1,S,S].</summary>
    public static Tensor Logits(ClassifierModel model, Tensor images, InputNormalisation normalisation, Device device,
        int batchSize = 256) => Run(model, images, normalisation, device, batchSize, model.Classes, model.forward);

    /// <summary>Penultimate-layer features [N,F] (float, on the CPU) of uint8 images [N,1,S,S].</summary>
    public static Tensor Features(ClassifierModel model, Tensor images, InputNormalisation normalisation, Device device,
        int batchSize = 256) => Run(model, images, normalisation, device, batchSize, model.FeatureSize, model.Features);

    static Tensor Run(ClassifierModel model, Tensor images, InputNormalisation normalisation, Device device,
        int batchSize, int width, Func<Tensor, Tensor> layer)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != model.Size || images.shape[3] != model.Size)
            throw new EmoAugException(
                $"the model takes 1x{model.Size}x{model.Size} images; got {string.Join("x", images.shape.Skip(1))}");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var parts = new List<Tensor>();
            long n = images.shape[0];
            for (long start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var x = normalisation.Apply(images.narrow(0, start, Math.Min(batchSize, n - start)).to(ScalarType.Float32));
                parts.Add(layer(x.to(device)).cpu().MoveToOuterDisposeScope());
            }
            if (parts.Count == 0) return zeros(0, width);
            var all = cat(parts, 0);
            foreach (var p in parts) p.Dispose();
            return all;
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
