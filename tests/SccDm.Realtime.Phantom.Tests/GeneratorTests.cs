using System.Text.Json;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom.Tests;

public class GeneratorTests
{
    [Fact]
    public void SameSeedGivesIdenticalBytes()
    {
        var a = FootPhantom.Generate(12345, 128);
        var b = FootPhantom.Generate(12345, 128);
        Assert.Equal(a.Photo, b.Photo);
        Assert.Equal(a.XRay, b.XRay);
        Assert.Equal(PhantomDataset.ToJson(a, "x"), PhantomDataset.ToJson(b, "x"));
        Assert.Equal(a.Parameters, b.Parameters);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentFeet()
    {
        var a = FootPhantom.Generate(1, 128);
        var b = FootPhantom.Generate(2, 128);
        Assert.NotEqual(a.XRay, b.XRay);
        Assert.NotEqual(a.Parameters.HvaDegrees, b.Parameters.HvaDegrees);
    }

    [Fact]
    public void ImagesHaveTheStatedSizes()
    {
        var s = FootPhantom.Generate(3, 256);
        Assert.Equal(256 * 256 * 3, s.Photo.Length);
        Assert.Equal(256 * 256, s.XRay.Length);
        Assert.Equal(256 * 256, s.SoftTissueMask.Length);
        Assert.Equal(10, s.Keypoints.Points.Count);
    }

    [Fact]
    public void SameSeedAtTwoSizesIsTheSameFootScaled()
    {
        var small = FootPhantom.Generate(77, 128);
        var large = FootPhantom.Generate(77, 256);
        Assert.Equal(small.Parameters, large.Parameters);
        for (int i = 0; i < FootSkeleton.Count; i++)
        {
            Assert.Equal(small.Keypoints.Points[i].X * 2, large.Keypoints.Points[i].X, 6);
            Assert.Equal(small.Keypoints.Points[i].Y * 2, large.Keypoints.Points[i].Y, 6);
        }

        Assert.Equal(small.Angles.Hva, large.Angles.Hva, 6);
    }

    [Fact]
    public void KeypointsLieInsideTheImageAndTheFoot()
    {
        for (long seed = 0; seed < 24; seed++)
        {
            var s = FootPhantom.Generate(seed, 128);
            for (int i = 0; i < FootSkeleton.Count; i++)
            {
                var p = s.Keypoints.Points[i];
                Assert.InRange(p.X, 0, 128);
                Assert.InRange(p.Y, 0, 128);
                int idx = ((int)p.Y * 128) + (int)p.X;
                Assert.True(s.SoftTissueMask[idx] > 128, $"seed {seed}: {FootSkeleton.Names[i]} at ({p.X:F1}, {p.Y:F1}) is outside the soft-tissue mask");
            }
        }
    }

    [Fact]
    public void AnglesFollowTheSampledParametersAndTheStoredKeypoints()
    {
        for (long seed = 100; seed < 130; seed++)
        {
            var s = FootPhantom.Generate(seed, 128);
            Assert.InRange(Math.Abs(s.Angles.Hva - s.Parameters.HvaDegrees), 0, 0.5);
            Assert.InRange(Math.Abs(s.Angles.Ima - s.Parameters.ImaDegrees), 0, 0.5);

            // Recompute from the JSON exactly as a consumer of the dataset would.
            using var json = JsonDocument.Parse(PhantomDataset.ToJson(s, "t"));
            var root = json.RootElement;
            var points = root.GetProperty("keypoints").EnumerateArray().Select(e => new Keypoint2D(e.GetProperty("x").GetDouble(), e.GetProperty("y").GetDouble())).ToArray();
            var recomputed = FootAngles.Measure(new KeypointSet(points));
            Assert.InRange(Math.Abs(recomputed.Hva - root.GetProperty("angles").GetProperty("hva").GetDouble()), 0, 0.01);
            Assert.InRange(Math.Abs(recomputed.Ima - root.GetProperty("angles").GetProperty("ima").GetDouble()), 0, 0.01);
            Assert.Equal(HalluxValgusGrading.NameOf(recomputed.HvaGrade), root.GetProperty("grades").GetProperty("hva").GetString());
        }
    }

    [Fact]
    public void OptionsOverrideTheDrawnAngles()
    {
        var s = FootPhantom.Generate(5, 128, new PhantomOptions { HvaDegrees = 45, ImaDegrees = 18 });
        Assert.Equal(45, s.Angles.Hva, 6);
        Assert.Equal(18, s.Angles.Ima, 6);
        Assert.Equal(HalluxValgusGrade.Severe, s.Angles.HvaGrade);
        Assert.Equal(HalluxValgusGrade.Severe, s.Angles.ImaGrade);
    }

    [Fact]
    public void HalluxDeviatesLaterallyTowardTheSecondToe()
    {
        foreach (var side in new[] { FootSide.Right, FootSide.Left })
        {
            var s = FootPhantom.Generate(9, 256, new PhantomOptions { HvaDegrees = 40, ImaDegrees = 12, Side = side, RotationDegrees = 0 });
            var k = s.Keypoints;

            // Lateral is toward the second metatarsal: the hallux tip must be closer to the MT2 axis than the MT1 head is.
            double headGap = Math.Abs(k[FootKeypoint.Mt1Head].X - k[FootKeypoint.Mt2Head].X);
            double tipGap = Math.Abs(k[FootKeypoint.HalluxTip].X - k[FootKeypoint.Mt2Head].X);
            Assert.True(tipGap < headGap, $"{side}: the hallux does not deviate laterally");
        }
    }

    [Fact]
    public void AllGradesOccurInAThousandParameterDraws()
    {
        var hva = new HashSet<HalluxValgusGrade>();
        var ima = new HashSet<HalluxValgusGrade>();
        var backgrounds = new HashSet<BackgroundKind>();
        var sides = new HashSet<FootSide>();
        double minTone = 1, maxTone = 0;
        for (long seed = 0; seed < 1000; seed++)
        {
            var p = FootPhantom.SampleParameters(seed);
            Assert.InRange(p.HvaDegrees, 0, 50);
            Assert.InRange(p.ImaDegrees, 4, 22);
            Assert.InRange(p.RotationDegrees, -20, 20);
            Assert.InRange(p.BunionProminence, 0, 1);
            hva.Add(HalluxValgusGrading.FromHva(p.HvaDegrees));
            ima.Add(HalluxValgusGrading.FromIma(p.ImaDegrees));
            backgrounds.Add(p.Background);
            sides.Add(p.Side);
            minTone = Math.Min(minTone, p.SkinTone);
            maxTone = Math.Max(maxTone, p.SkinTone);
        }

        Assert.Equal(4, hva.Count);
        Assert.Equal(4, ima.Count);
        Assert.Equal(3, backgrounds.Count);
        Assert.Equal(2, sides.Count);
        Assert.True(minTone < 0.05 && maxTone > 0.95, "skin tones must span very light to very dark");
    }

    [Fact]
    public void BunionGrowsWithTheDeformity()
    {
        double mild = FootPhantom.SampleParameters(4, new PhantomOptions { HvaDegrees = 5, ImaDegrees = 6 }).BunionProminence;
        double severe = FootPhantom.SampleParameters(4, new PhantomOptions { HvaDegrees = 45, ImaDegrees = 18 }).BunionProminence;
        Assert.True(severe > mild + 0.5, $"bunion {mild} → {severe}");
    }
}
