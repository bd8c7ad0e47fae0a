using System.Diagnostics;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// A synthetic camera: a deterministic stream of RGBA frames in which phantom patients step in one after another.
/// Each patient's foot slides in from a frame edge, settles and sways slightly (or, with
/// <see cref="PhantomCameraMotion.Moving"/>, keeps moving as if repositioned); its HVA/IMA stay fixed until the
/// next patient (next seed) enters after <see cref="PhantomCameraOptions.PatientDuration"/>.
/// Frame k depends only on (seed, k). The foot is rendered once per patient and then only warped per frame,
/// and the steady state allocates nothing.
/// </summary>
public sealed class PhantomCamera : IFrameSource
{
    private readonly PhantomCameraOptions _options;
    private readonly byte[] _background;
    private readonly int _renderSize;
    private readonly Keypoint2D[] _frameKeypoints = new Keypoint2D[FootSkeleton.Count];
    private readonly Stopwatch _clock = new();
    private long _nextFrame;
    private long _patient = -1;
    private PhantomSample? _foot;
    private int _footX0;
    private int _footY0;
    private int _footX1;
    private int _footY1;
    private double _baseRotation;
    private int _enterEdge;
    private long _lastFrame = -1;
    private int _disposed;

    /// <summary>Creates a camera; nothing is rendered until the first frame.</summary>
    public PhantomCamera(PhantomCameraOptions? options = null)
    {
        _options = options ?? new PhantomCameraOptions();
        if (_options.Width < 16 || _options.Height < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Phantom camera frames are at least 16×16 pixels.");
        }

        if (!(_options.Fps > 0) || _options.PatientDuration <= TimeSpan.Zero || _options.EnterDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Fps and PatientDuration must be positive, EnterDuration non-negative.");
        }

        if (_options.Motion == PhantomCameraMotion.Moving && (_options.MovePeriod <= TimeSpan.Zero || !(_options.MoveRadius >= 0) || !double.IsFinite(_options.MoveDegrees)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A moving phantom camera needs a positive MovePeriod, a non-negative MoveRadius and a finite MoveDegrees.");
        }

        Info = new FrameSourceInfo($"phantom camera ({(_options.Motion == PhantomCameraMotion.Moving ? "moving, " : "")}seed {_options.Seed})", _options.Width, _options.Height, _options.Fps);
        _renderSize = Math.Max(64, (int)(_options.Height * _options.FootScale) & ~1);
        _background = RenderBackground(_options.Width, _options.Height, (ulong)_options.Seed);
    }

    /// <inheritdoc />
    public FrameSourceInfo Info { get; }

    /// <summary>The options this camera runs with.</summary>
    public PhantomCameraOptions Options => _options;

    /// <summary>Ground truth of the last frame produced (allocates a small record per call; call it when needed, not per pixel).</summary>
    public PhantomCameraTruth? CurrentTruth
    {
        get
        {
            if (_foot is null || _lastFrame < 0)
            {
                return null;
            }

            bool inside = true;
            foreach (var p in _frameKeypoints)
            {
                inside &= p.X >= 0 && p.Y >= 0 && p.X < _options.Width && p.Y < _options.Height;
            }

            return new PhantomCameraTruth(_lastFrame, _patient, _options.Seed + _patient, _foot.Angles, new KeypointSet(_frameKeypoints), inside);
        }
    }

    /// <summary>Index of the patient shown in frame <paramref name="frameIndex"/>.</summary>
    public long PatientIndexAt(long frameIndex) => (long)Math.Floor(frameIndex / _options.Fps / _options.PatientDuration.TotalSeconds);

    /// <inheritdoc />
    public bool ReadFrame(CameraFrame frame, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(frame);
        if (_options.FrameLimit is long limit && _nextFrame >= limit)
        {
            return false;
        }

        long k = _nextFrame++;
        if (_options.Paced)
        {
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }

            long due = (long)(k / _options.Fps * Stopwatch.Frequency);
            long wait = due - _clock.ElapsedTicks;
            if (wait > 0)
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        RenderFrame(k, frame);
        return true;
    }

    /// <summary>Renders frame <paramref name="frameIndex"/> into <paramref name="frame"/> (random access; does not move the stream).</summary>
    public void RenderFrame(long frameIndex, CameraFrame frame)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        if (frame.Width != _options.Width || frame.Height != _options.Height)
        {
            throw new ArgumentException($"The frame is {frame.Width}×{frame.Height}; this camera delivers {_options.Width}×{_options.Height}.", nameof(frame));
        }

        double t = frameIndex / _options.Fps;
        long patient = PatientIndexAt(frameIndex);
        EnsurePatient(patient);
        double local = t - (patient * _options.PatientDuration.TotalSeconds);

        // Pose: slide in with an ease-out, then a slow two-frequency sway like a person standing still.
        double enter = _options.EnterDuration.TotalSeconds > 0 ? Math.Clamp(local / _options.EnterDuration.TotalSeconds, 0, 1) : 1;
        double ease = 1 - ((1 - enter) * (1 - enter) * (1 - enter));
        double away = (1 - ease) * (Math.Max(_options.Width, _options.Height) + _renderSize);
        double ex = _enterEdge switch { 0 => 0, 1 => 1, 2 => 0, _ => -1 };
        double ey = _enterEdge switch { 0 => 1, 1 => 0, 2 => -1, _ => 0 };
        double phase = (patient * 1.7) + 0.3;
        double sway = Math.Sin((2 * Math.PI * 0.23 * local) + phase) + (0.5 * Math.Sin((2 * Math.PI * 0.61 * local) + (2 * phase)));
        double angle = (_baseRotation + (_options.SwayDegrees * sway / 1.5)) * (Math.PI / 180.0);
        double amp = _options.SwayTranslation * _options.Height;
        double cx = (_options.Width / 2.0) + (amp * Math.Sin((2 * Math.PI * 0.17 * local) + phase)) + (ex * away);
        double cy = (_options.Height / 2.0) + (amp * Math.Sin((2 * Math.PI * 0.29 * local) + (3 * phase))) + (ey * away);
        if (_options.Motion == PhantomCameraMotion.Moving)
        {
            // Repositioning: the centre glides round a circle at a steady speed (never still) while the foot turns
            // back and forth, both on top of the sway; the loop starts where the foot came in (zero offset at local 0).
            double loop = 2 * Math.PI * local / _options.MovePeriod.TotalSeconds;
            double radius = _options.MoveRadius * _options.Height;
            cx += radius * (Math.Cos(loop + phase) - Math.Cos(phase));
            cy += radius * (Math.Sin(loop + phase) - Math.Sin(phase));
            angle += _options.MoveDegrees * Math.Sin((loop * 0.7) + phase) * (Math.PI / 180.0);
        }

        Compose(frame.Pixels, cx, cy, Math.Cos(angle), Math.Sin(angle));
        AddNoise(frame.Pixels, frameIndex);

        double half = _renderSize / 2.0;
        var points = _foot!.Keypoints.Points;
        double c = Math.Cos(angle), s = Math.Sin(angle);
        for (int i = 0; i < _frameKeypoints.Length; i++)
        {
            double dx = points[i].X - half, dy = points[i].Y - half;
            _frameKeypoints[i] = new Keypoint2D(cx + (dx * c) - (dy * s), cy + (dx * s) + (dy * c));
        }

        _lastFrame = frameIndex;
        frame.Sequence = frameIndex;
        frame.StreamTime = t;
        frame.CaptureTimestamp = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

    private void EnsurePatient(long patient)
    {
        if (patient == _patient)
        {
            return;
        }

        _patient = patient;
        long seed = _options.Seed + patient;
        var rng = new SplitMix64(SplitMix64.Mix((ulong)seed ^ 0xCA3E_7A00UL));
        _baseRotation = rng.Uniform(-15, 15);
        _enterEdge = rng.NextInt(4);

        // Rendered once per patient, upright and clean; per frame it is only rotated and moved.
        _foot = FootPhantom.Generate(seed, _renderSize, new PhantomOptions { Background = BackgroundKind.Black, RotationDegrees = 0, Scale = 1, Centered = true, Clean = true });
        _footX0 = _renderSize;
        _footY0 = _renderSize;
        _footX1 = -1;
        _footY1 = -1;
        var mask = _foot.SoftTissueMask;
        for (int y = 0; y < _renderSize; y++)
        {
            for (int x = 0; x < _renderSize; x++)
            {
                if (mask[(y * _renderSize) + x] != 0)
                {
                    _footX0 = Math.Min(_footX0, x);
                    _footX1 = Math.Max(_footX1, x);
                    _footY0 = Math.Min(_footY0, y);
                    _footY1 = Math.Max(_footY1, y);
                }
            }
        }
    }

    /// <summary>Background copy, then the cached foot warped by rotation (c, s) about its centre placed at (cx, cy).</summary>
    private void Compose(byte[] pixels, double cx, double cy, double c, double s)
    {
        _background.CopyTo(pixels, 0);
        var foot = _foot!;
        int w = _options.Width, h = _options.Height, n = _renderSize;
        double half = n / 2.0;

        // Frame-space bounding box of the foot's tight box.
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int corner = 0; corner < 4; corner++)
        {
            double px = ((corner & 1) == 0 ? _footX0 : _footX1 + 1) - half;
            double py = ((corner & 2) == 0 ? _footY0 : _footY1 + 1) - half;
            double fx = cx + (px * c) - (py * s), fy = cy + (px * s) + (py * c);
            minX = Math.Min(minX, fx);
            maxX = Math.Max(maxX, fx);
            minY = Math.Min(minY, fy);
            maxY = Math.Max(maxY, fy);
        }

        int x0 = Math.Max(0, (int)Math.Floor(minX) - 1), x1 = Math.Min(w - 1, (int)Math.Ceiling(maxX) + 1);
        int y0 = Math.Max(0, (int)Math.Floor(minY) - 1), y1 = Math.Min(h - 1, (int)Math.Ceiling(maxY) + 1);
        var photo = foot.Photo;
        var mask = foot.SoftTissueMask;
        for (int y = y0; y <= y1; y++)
        {
            // Inverse rotation: source = R(-θ)(frame - centre) + half, sampled at the pixel centre.
            double dy = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++)
            {
                double dx = x + 0.5 - cx;
                double sx = (dx * c) + (dy * s) + half - 0.5;
                double sy = (-dx * s) + (dy * c) + half - 0.5;
                if (sx < 0 || sy < 0 || sx >= n - 1 || sy >= n - 1)
                {
                    continue;
                }

                int ix = (int)sx, iy = (int)sy;
                double fx = sx - ix, fy = sy - iy;
                int i00 = (iy * n) + ix;
                double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
                double a = (mask[i00] * w00) + (mask[i00 + 1] * w10) + (mask[i00 + n] * w01) + (mask[i00 + n + 1] * w11);
                if (a <= 0.5)
                {
                    continue;
                }

                int d = ((y * w) + x) * 4;
                double alpha = a / 255.0;
                for (int ch = 0; ch < 3; ch++)
                {
                    // The cached photo is premultiplied by coverage (black background), so compositing is "over" with premultiplied colour.
                    double col = (photo[(i00 * 3) + ch] * w00) + (photo[((i00 + 1) * 3) + ch] * w10) + (photo[((i00 + n) * 3) + ch] * w01) + (photo[((i00 + n + 1) * 3) + ch] * w11);
                    pixels[d + ch] = (byte)Math.Clamp((int)(col + (pixels[d + ch] * (1 - alpha)) + 0.5), 0, 255);
                }
            }
        }
    }

    private void AddNoise(byte[] pixels, long frameIndex)
    {
        double sigma = _options.SensorNoise;
        if (sigma <= 0)
        {
            return;
        }

        ulong seed = SplitMix64.Mix((ulong)_options.Seed ^ ((ulong)frameIndex * 0xD6E8FEB86659FD93UL));
        int count = _options.Width * _options.Height;
        for (int i = 0; i < count; i++)
        {
            // One hash per pixel: a shared luminance term plus small per-channel terms from its spare bits.
            ulong hash = SplitMix64.Mix(seed + (ulong)i);
            double l = ((double)((hash & 0xFFFF) + ((hash >> 16) & 0xFFFF)) / 65535.0) - 1.0;
            int d = i * 4;
            for (int ch = 0; ch < 3; ch++)
            {
                double e = ((((hash >> (32 + (ch * 10))) & 0x3FF) / 1023.0) - 0.5) * 0.8;
                int v = pixels[d + ch] + (int)Math.Round(sigma * 2.0 * (l + e));
                pixels[d + ch] = (byte)Math.Clamp(v, 0, 255);
            }
        }
    }

    /// <summary>A static clinic floor: warm grey boards with grain, rendered once per camera.</summary>
    private static byte[] RenderBackground(int width, int height, ulong seed)
    {
        var bg = new byte[width * height * 4];
        var rng = new SplitMix64(SplitMix64.Mix(seed ^ 0xB6_0000UL));
        double r0 = rng.Uniform(90, 170), g0 = r0 * rng.Uniform(0.9, 1.05), b0 = r0 * rng.Uniform(0.8, 1.1);
        double unit = 480.0 / height;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double u = x * unit, v = y * unit;
                double grain = ValueNoise.Sample(seed ^ 0x33, u / 60, v / 3) + (0.5 * ValueNoise.Sample(seed ^ 0x44, u / 12, v / 1.5));
                double cx = ((double)x / width) - 0.5, cy = ((double)y / height) - 0.5;
                double m = (0.82 + (0.22 * grain)) * (1 - (0.35 * ((cx * cx) + (cy * cy))));
                if ((v + (ValueNoise.Lattice(seed, (long)Math.Floor(u / 140), 0) * 40)) % 52 < 1.5)
                {
                    m *= 0.7;
                }

                int d = ((y * width) + x) * 4;
                bg[d] = (byte)Math.Clamp(r0 * m, 0, 255);
                bg[d + 1] = (byte)Math.Clamp(g0 * m, 0, 255);
                bg[d + 2] = (byte)Math.Clamp(b0 * m, 0, 255);
                bg[d + 3] = 255;
            }
        }

        return bg;
    }
}
