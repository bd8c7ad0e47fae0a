using SccDm.Realtime.Imaging;
using SccDm.Realtime.Keypoints;
using SccDm.Realtime.Measurement;
using SccDm.Realtime.Metrics;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Sampling.Reference;

namespace SccDm.Realtime.Evaluation;

/// <summary>
/// Evaluates the synthesizer on a dataset in the reference layout (<c>&lt;id&gt;/original.png, xray.png,
/// keypoints.json</c>): image quality of the synthesized X-ray against the real one, and the keypoint detector end to
/// end (KCC, angle errors, grade agreement) and on the real X-ray. Image metrics use intensities in [0, 1].
/// </summary>
public sealed class DatasetEvaluator
{
    private readonly IDenoiserNetwork _network;
    private readonly ReferenceSampler _sampler;
    private readonly KeypointDetector? _detector;
    private readonly int _size;
    private readonly float[] _d0, _real01, _synth01;
    private readonly DetectedKeypoint[] _found = new DetectedKeypoint[10];
    private readonly Keypoint2D[] _points = new Keypoint2D[10];

    /// <summary>Creates an evaluator; it does not own the network or detector.</summary>
    public DatasetEvaluator(IDenoiserNetwork network, KeypointDetector? detector)
    {
        _network = network;
        _sampler = new ReferenceSampler(network);
        _detector = detector;
        _size = network.ImageSize;
        int n = _size * _size;
        Condition = new float[n];
        Real = new float[n];
        Synthesized = new float[n];
        _d0 = new float[n];
        _real01 = new float[n];
        _synth01 = new float[n];
    }

    /// <summary>The last sample's condition (gray photo, [−1, 1]).</summary>
    public float[] Condition { get; }

    /// <summary>The last sample's real X-ray at model size, [−1, 1].</summary>
    public float[] Real { get; }

    /// <summary>The last sample's synthesized X-ray, [−1, 1].</summary>
    public float[] Synthesized { get; }

    /// <summary>Side of the images.</summary>
    public int ImageSize => _size;

    /// <summary>
    /// The sample folders under <paramref name="data"/>: the folder itself when it holds samples, else its
    /// <c>test/</c> split. Sorted by name.
    /// </summary>
    public static IReadOnlyList<string> FindSamples(string data)
    {
        if (!Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"dataset folder not found: {data}");
        }
        static string[] Samples(string dir) => Directory.GetDirectories(dir)
            .Where(d => File.Exists(Path.Combine(d, "original.png")) && File.Exists(Path.Combine(d, "xray.png")))
            .Order(StringComparer.Ordinal).ToArray();
        string[] here = Samples(data);
        if (here.Length > 0)
        {
            return here;
        }
        string test = Path.Combine(data, "test");
        string[] split = Directory.Exists(test) ? Samples(test) : [];
        return split.Length > 0
            ? split
            : throw new InvalidDataException($"{data} holds no samples: expected <id>/original.png and xray.png, here or under test/");
    }

    /// <summary>Synthesizes and scores one sample folder.</summary>
    public EvaluationSample Evaluate(string sampleDir, EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        PngImage photo = PngCodec.Read(Path.Combine(sampleDir, "original.png"), PngPixelFormat.Rgba);
        CameraToCond.Apply(photo.Pixels, photo.Width, photo.Height, Condition, _size);
        PngImage xray = PngCodec.Read(Path.Combine(sampleDir, "xray.png"), PngPixelFormat.Gray);
        var realAtSource = new float[xray.Width * xray.Height];
        for (int i = 0; i < realAtSource.Length; i++)
        {
            realAtSource[i] = xray.Pixels[i] / 127.5f - 1f;
        }
        GrayResize.Bilinear(realAtSource, xray.Width, xray.Height, Real, _size, _size);

        if (options.Reference)
        {
            _sampler.SampleReference(Condition, Synthesized, options.Sampler.Seed, options.Sampler.SagScale, cancellationToken: cancellationToken);
        }
        else
        {
            _sampler.Sample(Condition, options.Sampler, _d0, Synthesized);
        }

        for (int i = 0; i < Real.Length; i++)
        {
            _real01[i] = (Real[i] + 1f) * 0.5f;
            _synth01[i] = (Synthesized[i] + 1f) * 0.5f;
        }
        var sample = new EvaluationSample
        {
            Id = Path.GetFileName(sampleDir),
            Ssim = ImageMetrics.Ssim(_synth01, _real01, _size, _size, 1.0),
            Psnr = ImageMetrics.Psnr(_synth01, _real01, 1.0),
            Mae = ImageMetrics.Mae(_synth01, _real01),
        };

        string truthPath = Path.Combine(sampleDir, "keypoints.json");
        if (_detector is null || !File.Exists(truthPath))
        {
            return sample;
        }
        GroundTruth truth = GroundTruth.Read(truthPath);
        double scale = truth.Size > 0 ? (double)_size / truth.Size : (double)_size / xray.Width;
        double tolerance = options.PckFraction * _size;

        _detector.Detect(Real, _size, _found);
        (double gtPck, double gtHva, double gtIma) = Score(truth, scale, tolerance);
        (bool gtHvaGrade, bool gtImaGrade) = GradesAgree(truth);
        _detector.Detect(Synthesized, _size, _found);
        float kcc = Kcc.Compute(_found);
        (double pck, double hva, double ima) = Score(truth, scale, tolerance);
        (bool hvaGrade, bool imaGrade) = GradesAgree(truth);
        return sample with
        {
            Kcc = kcc,
            Pck = pck,
            HvaError = hva,
            ImaError = ima,
            GradesAgree = hvaGrade && imaGrade,
            HvaGradeAgrees = hvaGrade,
            ImaGradeAgrees = imaGrade,
            GroundTruthPck = gtPck,
            GroundTruthHvaError = gtHva,
            GroundTruthImaError = gtIma,
            GroundTruthGradesAgree = gtHvaGrade && gtImaGrade,
        };
    }

    // Whether the HVA and the IMA grade of the detections in _points equal the truth's.
    private (bool Hva, bool Ima) GradesAgree(GroundTruth truth) =>
        (HalluxValgusGrading.FromHva(FootAngles.Hva(_points)) == HalluxValgusGrading.FromHva(truth.Hva),
         HalluxValgusGrading.FromIma(FootAngles.Ima(_points)) == HalluxValgusGrading.FromIma(truth.Ima));

    // PCK and angle errors of the detections in _found against the truth; leaves the detections in _points.
    private (double Pck, double HvaError, double ImaError) Score(GroundTruth truth, double scale, double tolerance)
    {
        int hits = 0;
        for (int i = 0; i < _points.Length; i++)
        {
            _points[i] = new Keypoint2D(_found[i].X, _found[i].Y);
            var expected = new Keypoint2D(truth.Keypoints[i].X * scale, truth.Keypoints[i].Y * scale);
            hits += _points[i].DistanceTo(expected) <= tolerance ? 1 : 0;
        }
        return ((double)hits / _points.Length, Math.Abs(FootAngles.Hva(_points) - truth.Hva), Math.Abs(FootAngles.Ima(_points) - truth.Ima));
    }
}
