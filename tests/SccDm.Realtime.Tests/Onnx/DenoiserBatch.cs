namespace SccDm.Realtime.Tests.Onnx;

/// <summary>A batch of two denoiser inputs with different timesteps, and the check of ORT's outputs against the C# maths.</summary>
internal sealed class DenoiserBatch
{
    private const int Size = TinyDenoiserReference.Size;
    private const int Plane = Size * Size;

    public required float[] Dt { get; init; }
    public required float[] Cond { get; init; }
    public required long[] T { get; init; }

    public static DenoiserBatch Create() => new()
    {
        Dt = [.. TinyDenoiserReference.Pattern(1), .. TinyDenoiserReference.Pattern(2)],
        Cond = [.. TinyDenoiserReference.Pattern(5), .. TinyDenoiserReference.Pattern(7)],
        T = [999, 249],
    };

    public void AssertMatchesReference(ReadOnlySpan<float> eps, ReadOnlySpan<float> attn, ReadOnlySpan<float> feat0, ReadOnlySpan<float> feat1)
    {
        for (int n = 0; n < 2; n++)
        {
            var dt = Dt.AsSpan(n * Plane, Plane);
            var cond = Cond.AsSpan(n * Plane, Plane);
            var conv = TinyDenoiserReference.Conv(dt, cond);
            AssertClose(TinyDenoiserReference.Eps(dt, cond, T[n]), eps.Slice(n * Plane, Plane), "eps");
            var attnN = attn.Slice(n * 16, 16);
            AssertClose(TinyDenoiserReference.Attn(dt), attnN, "attn");
            double mean = 0;
            foreach (float a in attnN)
            {
                mean += a;
            }
            Assert.Equal(1.0, mean / 16, 1e-5);
            AssertClose(TinyDenoiserReference.Feature(conv, 4), feat0.Slice(n * 64, 64), "feat_0");
            AssertClose(TinyDenoiserReference.Feature(conv, 2), feat1.Slice(n * 256, 256), "feat_1");
        }
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= 1e-5f))
            {
                Assert.Fail($"{name}[{i}]: expected {expected[i]}, ORT gave {actual[i]}");
            }
        }
    }
}
