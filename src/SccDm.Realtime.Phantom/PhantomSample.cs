using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom;

/// <summary>One generated phantom: a paired photo and X-ray of the same foot with exact ground truth.</summary>
public sealed class PhantomSample
{
    internal PhantomSample(long seed, int size, FootParameters parameters, byte[] photo, byte[] xray, byte[] softTissueMask, byte[] boneMask, KeypointSet keypoints)
    {
        Seed = seed;
        Size = size;
        Parameters = parameters;
        Photo = photo;
        XRay = xray;
        SoftTissueMask = softTissueMask;
        BoneMask = boneMask;
        Keypoints = keypoints;
        Angles = FootAngles.Measure(keypoints);
    }

    /// <summary>The seed this sample was generated from.</summary>
    public long Seed { get; }

    /// <summary>Width and height of both images in pixels.</summary>
    public int Size { get; }

    /// <summary>All parameters of the sample.</summary>
    public FootParameters Parameters { get; }

    /// <summary>The photo: RGB8, Size × Size × 3, row-major.</summary>
    public byte[] Photo { get; }

    /// <summary>The X-ray: 8-bit gray, Size × Size, bone bright on a dark background.</summary>
    public byte[] XRay { get; }

    /// <summary>Skin coverage per pixel (0 = background, 255 = foot), anti-aliased.</summary>
    public byte[] SoftTissueMask { get; }

    /// <summary>255 where a bone's projected thickness exceeds 1 mm, else 0.</summary>
    public byte[] BoneMask { get; }

    /// <summary>The ten keypoints in image pixel coordinates (pixel centres at +0.5), exact from the bone model.</summary>
    public KeypointSet Keypoints { get; }

    /// <summary>HVA and IMA measured from <see cref="Keypoints"/> with <see cref="FootAngles"/> (the app's own code).</summary>
    public FootAngleMeasurement Angles { get; }
}
