namespace SccDm.Realtime.Phantom.Tests;

/// <summary>
/// Image statistics with ranges chosen from what a radiograph and a photo must show:
/// the X-ray background is near black (air: only the 3.5% floor plus detector noise, so mean &lt; 20 of 255);
/// bone is bright (cortical + trabecular attenuation, mean &gt; 110); soft tissue lies strictly between;
/// in the photo, skin and background differ by at least 25 luma levels (the sampler keeps them ≥ 60 apart before shading).
/// </summary>
public class ImageStatisticsTests
{
    [Fact]
    public void XrayShowsBoneBrighterThanSoftTissueBrighterThanBackground()
    {
        for (long seed = 0; seed < 8; seed++)
        {
            var s = FootPhantom.Generate(seed, 128);
            double bone = 0, soft = 0, air = 0;
            int nb = 0, ns = 0, na = 0;
            for (int i = 0; i < s.XRay.Length; i++)
            {
                if (s.BoneMask[i] != 0)
                {
                    bone += s.XRay[i];
                    nb++;
                }
                else if (s.SoftTissueMask[i] == 255)
                {
                    soft += s.XRay[i];
                    ns++;
                }
                else if (s.SoftTissueMask[i] == 0)
                {
                    air += s.XRay[i];
                    na++;
                }
            }

            bone /= nb;
            soft /= ns;
            air /= na;
            Assert.True(nb > 500 && ns > 200 && na > 2000, $"seed {seed}: masks too small ({nb}, {ns}, {na})");
            Assert.InRange(air, 0, 20);
            Assert.InRange(bone, 110, 255);
            Assert.True(bone > soft + 40, $"seed {seed}: bone {bone:F0} vs soft tissue {soft:F0}");
            Assert.True(soft > air + 5, $"seed {seed}: soft tissue {soft:F0} vs air {air:F0}");
        }
    }

    [Fact]
    public void PhotoSkinDiffersFromBackground()
    {
        for (long seed = 0; seed < 8; seed++)
        {
            var s = FootPhantom.Generate(seed, 128);
            double skin = 0, bg = 0;
            int nk = 0, nb = 0;
            for (int i = 0; i < s.SoftTissueMask.Length; i++)
            {
                double luma = (0.299 * s.Photo[i * 3]) + (0.587 * s.Photo[(i * 3) + 1]) + (0.114 * s.Photo[(i * 3) + 2]);
                if (s.SoftTissueMask[i] == 255)
                {
                    skin += luma;
                    nk++;
                }
                else if (s.SoftTissueMask[i] == 0)
                {
                    bg += luma;
                    nb++;
                }
            }

            skin /= nk;
            bg /= nb;
            Assert.True(Math.Abs(skin - bg) > 15, $"seed {seed} ({s.Parameters.Background}): skin {skin:F0} vs background {bg:F0}");
            if (s.Parameters.Background == BackgroundKind.Black)
            {
                Assert.InRange(bg, 0, 12);
            }
        }
    }

    [Fact]
    public void SevereDeformityWidensTheForefootInThePhoto()
    {
        // The bunion and the splayed first ray must show in the skin outline (the model learns the X-ray from it).
        static int FootPixels(double hva, double ima)
        {
            var s = FootPhantom.Generate(21, 128, new PhantomOptions { HvaDegrees = hva, ImaDegrees = ima, RotationDegrees = 0 });
            return s.SoftTissueMask.Count(m => m > 128);
        }

        Assert.True(FootPixels(45, 20) > FootPixels(3, 5) * 1.02);
    }
}
