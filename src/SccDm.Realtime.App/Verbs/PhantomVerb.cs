using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SccDm.Realtime.App.Terminal;
using SccDm.Realtime.Capture;
using SccDm.Realtime.Native.Png;
using SccDm.Realtime.Phantom;

namespace SccDm.Realtime.App.Verbs;

/// <summary>
/// `sccdm phantom`: writes procedural foot phantom datasets, contact sheets and generator benchmarks.
/// Exit codes: 0 success, 2 invalid arguments, 3 the output could not be written.
/// </summary>
internal static class PhantomVerb
{
    /// <summary>Exit code for invalid arguments.</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code when the output directory or file cannot be written.</summary>
    public const int ExitOutput = 3;

    public static Command Create()
    {
        var outOption = new Option<string?>("--out")
        {
            Description = "Dataset root directory. Samples go to <out>/<split>/<id>/{original.png, xray.png, keypoints.json}.",
        };
        var countOption = new Option<int?>("--count")
        {
            Description = "Number of samples (default: 1000 for --out, 16 for --sheet, 100 for --bench, 40 for --ceiling).",
        };
        var sizeOption = new Option<int>("--size")
        {
            Description = "Image width and height in pixels: 128, 256 or 512.",
            DefaultValueFactory = _ => 256,
        };
        var seedOption = new Option<long>("--seed")
        {
            Description = "Base seed. Sample i of a split uses seed split*1e9 + seed + i, so splits never overlap; base seed + count must stay below 1e9.",
            DefaultValueFactory = _ => 0,
        };
        var splitOption = new Option<string>("--split")
        {
            Description = "Which split to write: train, val or test (disjoint seed ranges).",
            DefaultValueFactory = _ => "train",
        };
        var sheetOption = new Option<string?>("--sheet")
        {
            Description = "Write a contact sheet PNG instead of a dataset: photo | X-ray | X-ray with skeleton, angles and grades per row.",
        };
        var benchOption = new Option<bool>("--bench")
        {
            Description = "Measure generation speed (samples/s, photo + X-ray, no files written) and exit.",
        };
        var cameraOption = new Option<string?>("--camera")
        {
            Description = "Write --count frames of the synthetic camera (640x480, one every 0.5 s of stream time) as PNGs into this directory, to look at it.",
        };
        var ceilingOption = new Option<bool>("--ceiling")
        {
            Description = "Measure the best SSIM/PSNR/MAE any photo-conditioned model could reach on --count samples of --split: each X-ray is re-rendered with --draws fresh draws of what its photo cannot show (bone texture, detector noise, exposure) and scored against itself. Use --size 128 for the bundled model's size.",
        };
        var drawsOption = new Option<int>("--draws")
        {
            Description = "With --ceiling: re-renders per sample.",
            DefaultValueFactory = _ => 16,
        };
        var threadsOption = new Option<int>("--threads")
        {
            Description = "Worker threads (default: all processor cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };

        var command = new Command(
            "phantom",
            "Generate the procedural foot phantom: paired photo / X-ray / keypoints (synthetic, not for diagnosis).\n\n" +
            "Examples:\n" +
            "  sccdm phantom --out data --count 5000 --size 256 --split train\n" +
            "  sccdm phantom --out data --count 500 --split val\n" +
            "  sccdm phantom --sheet sheet.png --count 16\n" +
            "  sccdm phantom --bench\n" +
            "  sccdm phantom --camera frames --count 20\n" +
            "  sccdm phantom --ceiling --split test --count 100 --size 128\n\n" +
            "Exit codes: 0 success, 2 invalid arguments, 3 output not writable.");
        command.Options.Add(outOption);
        command.Options.Add(countOption);
        command.Options.Add(sizeOption);
        command.Options.Add(seedOption);
        command.Options.Add(splitOption);
        command.Options.Add(sheetOption);
        command.Options.Add(benchOption);
        command.Options.Add(cameraOption);
        command.Options.Add(ceilingOption);
        command.Options.Add(drawsOption);
        command.Options.Add(threadsOption);

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            string? outDir = parseResult.GetValue(outOption);
            string? sheet = parseResult.GetValue(sheetOption);
            bool bench = parseResult.GetValue(benchOption);
            int size = parseResult.GetValue(sizeOption);
            long seed = parseResult.GetValue(seedOption);
            int threads = parseResult.GetValue(threadsOption);
            bool ceiling = parseResult.GetValue(ceilingOption);
            int count = parseResult.GetValue(countOption) ?? (bench ? 100 : sheet is not null ? 16 : ceiling ? 40 : 1000);

            if (!FootPhantom.SupportedSizes.Contains(size))
            {
                return Fail(stderr, ExitUsage, $"--size {size} is not supported; use one of {string.Join(", ", FootPhantom.SupportedSizes)}.");
            }

            if (count <= 0)
            {
                return Fail(stderr, ExitUsage, $"--count must be a positive number of samples, got {count}.");
            }

            if (threads <= 0)
            {
                return Fail(stderr, ExitUsage, $"--threads must be positive, got {threads}.");
            }

            if (!PhantomDataset.TryParseSplit(parseResult.GetValue(splitOption), out var split))
            {
                return Fail(stderr, ExitUsage, $"--split '{parseResult.GetValue(splitOption)}' is not a split; use train, val or test.");
            }

            if (seed < 0 || seed + count > PhantomDataset.SplitSeedRange)
            {
                return Fail(stderr, ExitUsage, $"--seed {seed} with --count {count} leaves the split's seed range [0, {PhantomDataset.SplitSeedRange}); choose a smaller seed.");
            }

            if (bench)
            {
                return Bench(stdout, count, size, threads);
            }

            if (ceiling)
            {
                int draws = parseResult.GetValue(drawsOption);
                return draws < 1
                    ? Fail(stderr, ExitUsage, $"--draws must be at least 1, got {draws}.")
                    : Ceiling(stdout, stderr, split, count, seed, size, draws);
            }

            string? camera = parseResult.GetValue(cameraOption);
            if (camera is not null)
            {
                return CameraFrames(stdout, stderr, camera, count, seed);
            }

            if (sheet is not null)
            {
                return Sheet(stdout, stderr, sheet, split, count, seed, size, threads);
            }

            if (outDir is null)
            {
                return Fail(stderr, ExitUsage, "Nothing to do: pass --out DIR to write a dataset, --sheet FILE for a contact sheet, --camera DIR, --ceiling or --bench. See 'sccdm phantom --help'.");
            }

            return Export(stdout, stderr, outDir, split, count, seed, size, threads);
        });
        return command;
    }

    private static int Export(TextWriter stdout, TextWriter stderr, string outDir, PhantomSplit split, int count, long seed, int size, int threads)
    {
        string splitDir = Path.Combine(outDir, PhantomDataset.SplitName(split));
        try
        {
            Directory.CreateDirectory(splitDir);
            string probe = Path.Combine(splitDir, ".write-test");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Fail(stderr, ExitOutput, $"cannot write to '{Path.GetFullPath(outDir)}': {e.Message} Choose a writable --out directory.");
        }

        bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var progress = new ProgressBar(stderr, count, $"phantom {PhantomDataset.SplitName(split)}", interactive);
        try
        {
            PhantomDataset.Export(outDir, split, count, seed, size, threads, progress.Report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PngException)
        {
            return Fail(stderr, ExitOutput, $"writing the dataset under '{Path.GetFullPath(outDir)}' failed: {e.Message}");
        }
        catch (AggregateException e) when (e.InnerException is IOException or UnauthorizedAccessException or PngException)
        {
            return Fail(stderr, ExitOutput, $"writing the dataset under '{Path.GetFullPath(outDir)}' failed: {e.InnerException!.Message}");
        }

        double seconds = progress.Elapsed.TotalSeconds;
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {count} {PhantomDataset.SplitName(split)} samples ({size}x{size}) to {Path.GetFullPath(splitDir)} in {seconds:F1} s: {count / seconds:F1} samples/s on {threads} threads"));
        return 0;
    }

    private static int Sheet(TextWriter stdout, TextWriter stderr, string path, PhantomSplit split, int count, long seed, int size, int threads)
    {
        var samples = new PhantomSample[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => samples[i] = FootPhantom.Generate(PhantomDataset.SeedFor(split, seed, i), size));
        var (rgba, width, height) = PhantomContactSheet.Render(samples);
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            PngCodec.Write(path, rgba, width, height, PngPixelFormat.Rgba);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PngException)
        {
            return Fail(stderr, ExitOutput, $"cannot write the sheet '{Path.GetFullPath(path)}': {e.Message}");
        }

        stdout.WriteLine($"wrote contact sheet of {count} samples to {Path.GetFullPath(path)} ({width}x{height}); synthetic, not for diagnosis");
        return 0;
    }

    private static int CameraFrames(TextWriter stdout, TextWriter stderr, string dir, int count, long seed)
    {
        using var camera = new PhantomCamera(new PhantomCameraOptions { Seed = seed, Paced = false, PatientDuration = TimeSpan.FromSeconds(6) });
        var frame = new CameraFrame(camera.Info.Width, camera.Info.Height);
        double totalMs = 0;
        try
        {
            Directory.CreateDirectory(dir);
            for (int i = 0; i < count; i++)
            {
                long k = (long)(i * camera.Info.Fps / 2);
                long start = Stopwatch.GetTimestamp();
                camera.RenderFrame(k, frame);
                totalMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var truth = camera.CurrentTruth!;
                PngCodec.Write(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"frame_{k:D5}.png")), frame.Pixels, frame.Width, frame.Height, PngPixelFormat.Rgba);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {k,5}  t={frame.StreamTime,5:F1}s  patient {truth.PatientIndex}  HVA {truth.Angles.Hva:F1}  IMA {truth.Angles.Ima:F1}  in frame: {truth.FootFullyInFrame}"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PngException)
        {
            return Fail(stderr, ExitOutput, $"cannot write camera frames to '{Path.GetFullPath(dir)}': {e.Message}");
        }

        // Steady-state cost: frames of one patient after its render is cached.
        long t0 = Stopwatch.GetTimestamp();
        const int Steady = 60;
        for (int i = 0; i < Steady; i++)
        {
            camera.RenderFrame(40 + i, frame);
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"camera frame {frame.Width}x{frame.Height}: {Stopwatch.GetElapsedTime(t0).TotalMilliseconds / Steady:F2} ms steady state (one core)"));
        return 0;
    }

    private static int Ceiling(TextWriter stdout, TextWriter stderr, PhantomSplit split, int count, long seed, int size, int draws)
    {
        bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var progress = new ProgressBar(stderr, count, "ceiling", interactive);
        var r = PhantomCeiling.Measure(split, count, size, draws, PhantomHidden.All, seed, progress: progress.Report);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phantom ceiling: {count} {PhantomDataset.SplitName(split)} samples at {size}x{size}, {draws} re-renders each with a fresh bone texture, detector noise and exposure (what a photo cannot show)"));
        stdout.WriteLine("  scored against the sample's own X-ray    SSIM    PSNR      MAE");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one re-render (a sharp exact guess)    {r.OneDraw.Ssim,6:F3}  {r.OneDraw.Psnr,5:F2} dB  {r.OneDraw.Mae,6:F4}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  mean of the re-renders (the ceiling)   {r.MeanOfDraws.Ssim,6:F3}  {r.MeanOfDraws.Psnr,5:F2} dB  {r.MeanOfDraws.Mae,6:F4}"));
        stdout.WriteLine("  A model that recovered every geometric parameter from the photo would score about the ceiling; sccdm eval compares.");
        return 0;
    }

    private static int Bench(TextWriter stdout, int count, int size, int threads)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };

        // Warm up the JIT (tiered compilation) so the figure is steady-state throughput.
        Parallel.For(0, Math.Min(count, 2 * threads), options, i => FootPhantom.Generate(i, size));
        long checksum = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, options, i => Interlocked.Add(ref checksum, FootPhantom.Generate(1000 + i, size).XRay[0]));
        double generate = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Parallel.For(0, count, options, i =>
        {
            var s = FootPhantom.Generate(1000 + i, size);
            Interlocked.Add(ref checksum, PngCodec.Encode(s.Photo, size, size, PngPixelFormat.Rgb).Length + PngCodec.Encode(s.XRay, size, size, PngPixelFormat.Gray).Length);
        });
        double withPng = clock.Elapsed.TotalSeconds;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phantom bench: {count} samples at {size}x{size} on {threads} threads"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generate (photo + X-ray + keypoints): {count / generate,8:F1} samples/s  ({1000 * generate * threads / count:F1} ms per sample per thread)"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generate + PNG encode (in memory):    {count / withPng,8:F1} samples/s"));
        GC.KeepAlive(checksum);
        return 0;
    }

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"sccdm phantom: error: {message}");
        return code;
    }
}
