namespace SccDm.Realtime.Phantom;

/// <summary>Settings of the synthetic <see cref="PhantomCamera"/>.</summary>
public sealed record PhantomCameraOptions
{
    /// <summary>Frame width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; init; } = 480;

    /// <summary>Frames per second of the stream (and of pacing).</summary>
    public double Fps { get; init; } = 30;

    /// <summary>Seed of the first patient; patient p uses seed <c>Seed + p</c>.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>How long each synthetic patient stays before the next one enters.</summary>
    public TimeSpan PatientDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a foot takes to slide in from the frame edge.</summary>
    public TimeSpan EnterDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True: <see cref="PhantomCamera.ReadFrame"/> waits for each frame's wall-clock time. False: as fast as possible.</summary>
    public bool Paced { get; init; } = true;

    /// <summary>Sensor noise standard deviation in 8-bit levels (0 = none).</summary>
    public double SensorNoise { get; init; } = 2.0;

    /// <summary>Peak sway rotation in degrees (the patient's small involuntary movement).</summary>
    public double SwayDegrees { get; init; } = 2.0;

    /// <summary>Peak sway translation as a fraction of the frame height.</summary>
    public double SwayTranslation { get; init; } = 0.012;

    /// <summary>How the foot moves once it is in place: <see cref="PhantomCameraMotion.Sway"/> (default) or <see cref="PhantomCameraMotion.Moving"/>.</summary>
    public PhantomCameraMotion Motion { get; init; } = PhantomCameraMotion.Sway;

    /// <summary><see cref="PhantomCameraMotion.Moving"/>: radius of the foot centre's loop as a fraction of the frame height.</summary>
    public double MoveRadius { get; init; } = 0.08;

    /// <summary><see cref="PhantomCameraMotion.Moving"/>: time for one loop (the foot's speed is 2π·radius / period).</summary>
    public TimeSpan MovePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="PhantomCameraMotion.Moving"/>: peak turn of the foot in degrees, back and forth while it glides.</summary>
    public double MoveDegrees { get; init; } = 8.0;

    /// <summary>Foot image size relative to the frame height (the foot's length is ≈ 0.86 of it).</summary>
    public double FootScale { get; init; } = 0.95;

    /// <summary>Number of frames before the stream ends; null for an endless stream.</summary>
    public long? FrameLimit { get; init; }
}
