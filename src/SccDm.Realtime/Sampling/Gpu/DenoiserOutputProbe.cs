using SccDm.Realtime.Models;
using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Sampling.Gpu;

/// <summary>
/// Output spatial sizes may be symbolic in the graph; one plain run tells them (as <see cref="OrtDenoiserNetwork"/>
/// does), here on the sampler's own mapped d_t / cond / t buffers.
/// </summary>
internal static class DenoiserOutputProbe
{
    public static DenoiserOutputShape Discover(DenoiserModel model, int imageSize, OrtValue dT, OrtValue cond, OrtValue t)
    {
        string[] outputs = [DenoiserModel.EpsOutputName, DenoiserModel.AttentionOutputName, .. model.FeatureOutputNames];
        OrtValue[] results = model.Session.Run(
            [DenoiserModel.SampleInputName, DenoiserModel.ConditionInputName, DenoiserModel.TimestepInputName], [dT, cond, t], outputs);
        try
        {
            long[] eps = results[0].GetTensorShape();
            if (eps.Length != 4 || eps[2] != imageSize || eps[3] != imageSize)
            {
                throw new ModelContractException(model.Path, [$"eps: expected [1,1,{imageSize},{imageSize}], found [{string.Join(',', eps)}]"]);
            }
            long[] attn = results[1].GetTensorShape();
            var features = new (int, int)[results.Length - 2];
            for (int i = 2; i < results.Length; i++)
            {
                long[] s = results[i].GetTensorShape();
                features[i - 2] = ((int)s[3], (int)s[2]);
            }
            return new DenoiserOutputShape(imageSize, (int)attn[3], (int)attn[2], features);
        }
        finally
        {
            foreach (OrtValue r in results)
            {
                r.Dispose();
            }
        }
    }
}
