namespace SccDm.Realtime.Recording;

/// <summary>How a <see cref="VideoEncoder"/> compresses.</summary>
public enum VideoCodec
{
    /// <summary>H.264 (libx264, yuv420p) in a fragmented MP4: plays anywhere, and a killed recording stays playable.</summary>
    H264FragmentedMp4,

    /// <summary>Lossless RGB (libx264rgb at qp 0) in Matroska: the camera frames exactly as captured, for replay.</summary>
    LosslessRgbMatroska,
}
