using TorchSharp;

namespace EmoAug.Runtime;

/// <summary>Makes sure LibTorch is usable before any command touches a tensor, and says why in one line if not.</summary>
public static class TorchRuntime
{
    /// <summary>Loads LibTorch (once) and sets the number of CPU threads; throws <see cref="EmoAugException"/> if it cannot load.</summary>
    public static void Ensure(int threads = 0)
    {
        try
        {
            // The first touch of torch loads libLibTorchSharp and libtorch_cpu.
            torch.InitializeDeviceType(DeviceType.CPU);
            if (threads > 0) torch.set_num_threads(threads);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            var inner = ex;
            while (inner.InnerException != null) inner = inner.InnerException;
            throw new EmoAugException(
                "LibTorch could not be loaded: " + FirstLine(inner.Message) +
                " (on Debian 12 / Ubuntu 22.04 rebuild with 'dotnet build' so the native shim is patched; see docs/torchsharp-on-debian12.md)", ex);
        }
    }

    /// <summary>LibTorch's device for <paramref name="device"/>; CUDA is refused where this LibTorch has none.</summary>
    public static torch.Device Device(ComputeDevice device)
    {
        Ensure();
        if (device.Kind == DeviceKind.Cuda && !torch.cuda.is_available())
            throw new EmoAugException($"--device {device}: CUDA is not available here (this build of LibTorch is CPU only, or no GPU)");
        try
        {
            return torch.device(device.ToString());
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new EmoAugException($"--device {device}: {FirstLine(ex.Message)}");
        }
    }

    static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
