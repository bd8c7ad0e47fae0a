namespace SccDm.Realtime.Sampling;

/// <summary>Timestep selection for the reduced-step sampler.</summary>
public static class SamplerTimesteps
{
    /// <summary>
    /// DDIM "trailing" spacing (Lin et al. 2023): tᵢ = round(T − i·T/S) − 1 for i = 0…S−1, so the first step
    /// starts at the last training timestep. Rounding is half-to-even, as numpy's, so the list equals the
    /// training side's. For T = 1000, S = 4: 999, 749, 499, 249.
    /// </summary>
    public static int[] Trailing(int trainSteps, int steps)
    {
        if (steps < 1 || steps > trainSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be in 1…{trainSteps}");
        }
        var result = new int[steps];
        double stride = (double)trainSteps / steps;
        for (int i = 0; i < steps; i++)
        {
            result[i] = (int)Math.Round(trainSteps - i * stride, MidpointRounding.ToEven) - 1;
        }
        return result;
    }
}
