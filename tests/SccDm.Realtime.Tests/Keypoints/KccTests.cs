using SccDm.Realtime.Keypoints;

namespace SccDm.Realtime.Tests.Keypoints;

public class KccTests
{
    private static DetectedKeypoint[] With(params float[] confidences) => confidences.Select(c => new DetectedKeypoint(0, 0, c)).ToArray();

    [Fact]
    public void PerfectConfidenceGivesOne() => Assert.Equal(1f, Kcc.Compute(With(Enumerable.Repeat(1f, 10).ToArray())));

    [Fact]
    public void FollowsEquationTwelve()
    {
        // S = 0.7, half the points reach τ = 0.65 → KCC = 0.35.
        float[] c = [0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
        Assert.Equal(0.35f, Kcc.Compute(With(c)), 5);
        // τ is inclusive.
        Assert.Equal(0.65f, Kcc.Compute(With(Enumerable.Repeat(0.65f, 10).ToArray())), 5);
    }
}
