using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// The gray-level mean and standard deviation of the training images (0-255 scale); every image a model sees,
/// in training or later, is shifted and scaled by these same two numbers, which the checkpoint stores.
/// </summary>
public sealed record InputNormalisation(double Mean, double Std)
{
    /// <summary>Mean and standard deviation of all pixels of uint8 images [N,1,H,W], summed in chunks to stay small.</summary>
    public static InputNormalisation Of(Tensor images)
    {
        long n = images.shape[0];
        if (n == 0) throw new ArgumentException("no images to normalise by");
        double sum = 0, sumSquares = 0;
        const long chunk = 2048;
        for (long start = 0; start < n; start += chunk)
        {
            using var scope = NewDisposeScope();
            var x = images.narrow(0, start, Math.Min(chunk, n - start)).to(ScalarType.Float64);
            sum += x.sum().item<double>();
            sumSquares += x.square().sum().item<double>();
        }
        double count = (double)images.numel();
        double mean = sum / count;
        double std = Math.Sqrt(Math.Max(sumSquares / count - mean * mean, 0));
        return new InputNormalisation(mean, Math.Max(std, 1e-3));
    }

    /// <summary>Float images on the 0-255 scale to the normalised scale the model works on.</summary>
    public Tensor Apply(Tensor pixels) => pixels.sub(Mean).div_(Std);
}
