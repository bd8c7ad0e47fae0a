using System.Text.Json;
using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.App.Replay;
using SccDm.Realtime.App.Tests.Kiosk;
using SccDm.Realtime.App.Tests.Verbs;
using SccDm.Realtime.Recording;
using SccDm.Realtime.Sampling;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.App.Tests.Recording;

/// <summary>
/// Recording a session with the real ffmpeg: the files and their modes, a killed recording, a file-size limit, and
/// a replay that reproduces the recorded keypoints. Child processes run the built `sccdm` with the stand-in
/// synthesizer so they are fast on two cores.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RecordingTests
{
    private static readonly TimeSpan _deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public void Headless_run_records_an_h264_mp4_with_one_jsonl_line_per_frame_in_private_files()
    {
        using var temp = new TempDirectory("kiosk");
        string root = Path.Combine(temp.Path, "sessions");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var result = KioskApp.RunHeadless(
            new KioskOptions { Source = "lavfi:testsrc2", Headless = true, Frames = 60, Width = 640, Height = 360, RecordDirectory = root },
            new AppConfig { Synthesizer = "stand-in" },
            stdout,
            stderr,
            CancellationToken.None);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        Assert.Null(result.OutDirectory);
        string session = Assert.Single(RecordingProbe.Sessions(root));
        Assert.Equal(session, Assert.Single(result.Recordings));
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{24}$", Path.GetFileName(session));

        Assert.Equal(("h264", 60), RecordingProbe.Probe(Path.Combine(session, SessionFiles.View)));
        Assert.Equal(("h264", 60), RecordingProbe.Probe(Path.Combine(session, SessionFiles.Camera)));
        string[] lines = File.ReadAllLines(Path.Combine(session, SessionFiles.FrameLog));
        Assert.Equal(60, lines.Length);
        Assert.Equal(60, RecordingProbe.CompleteLines(Path.Combine(session, SessionFiles.CameraLog)));
        using (var line = JsonDocument.Parse(lines[59]))
        {
            Assert.Equal(59, line.RootElement.GetProperty("frame").GetInt32());
            Assert.Equal(59, line.RootElement.GetProperty("camera_index").GetInt32());
            Assert.True(line.RootElement.GetProperty("timings_ms").GetProperty("compose").GetDouble() > 0);
        }

        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(session, SessionFiles.Manifest))))
        {
            var m = manifest.RootElement;
            Assert.Equal("finished", m.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, m.GetProperty("ended_utc").ValueKind);
            Assert.Contains("not for diagnosis", m.GetProperty("note").GetString());
            Assert.Equal(60, m.GetProperty("view").GetProperty("frames").GetInt32());
            Assert.Equal(0, m.GetProperty("view").GetProperty("dropped").GetInt32());
            Assert.Equal(SamplerOptions.DefaultSteps, m.GetProperty("sampler").GetProperty("steps").GetInt32());
        }

        Assert.Contains("not for diagnosis", File.ReadAllText(Path.Combine(session, SessionFiles.Readme)));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(root));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(session));
        var files = Directory.GetFiles(session);
        Assert.Equal(6, files.Length);
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == PrivateFiles.FileMode, $"{Path.GetFileName(f)} is {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public void Killing_the_whole_process_group_mid_recording_leaves_a_playable_mp4()
    {
        using var temp = new TempDirectory("kiosk");
        string root = Path.Combine(temp.Path, "sessions");
        using var process = RecordingProbe.Start("setsid",
            ["dotnet", RecordingProbe.SccdmDll, "run", "--source", "lavfi:testsrc2", "--headless", "--frames", "100000", "--size", "640x360", "--record", root],
            out var output);
        int pgid = process.Id;
        var deadline = DateTime.UtcNow + _deadline;
        // Past two keyframe intervals (30 frames each), so at least one fragment is complete on disk.
        string? log = null;
        while (log is null || RecordingProbe.CompleteLines(log) < 75)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no recording after {_deadline}: {output()}");
            Assert.False(process.WaitForExit(50), $"sccdm exited early ({(process.HasExited ? process.ExitCode : 0)}): {output()}");
            log = RecordingProbe.Sessions(root).Select(s => Path.Combine(s, SessionFiles.FrameLog)).FirstOrDefault(File.Exists);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-9", "--", $"-{pgid}"]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(30_000), "sccdm survived kill -9");
        string session = Path.GetDirectoryName(log)!;
        var (codec, frames) = RecordingProbe.Probe(Path.Combine(session, SessionFiles.View));
        Assert.Equal("h264", codec);
        Assert.True(frames >= 30, $"ffprobe decoded {frames} frame(s) of the killed recording");
        Assert.True(RecordingProbe.Probe(Path.Combine(session, SessionFiles.Camera)).Frames >= 1);
        var recorded = RecordedSession.Open(session);
        Assert.Equal("recording", recorded.Status);
        Assert.NotEmpty(recorded.ReadXrays());
    }

    [Fact]
    public void A_file_size_limit_stops_the_recording_with_a_message_and_the_run_finishes()
    {
        using var temp = new TempDirectory("kiosk");
        string root = Path.Combine(temp.Path, "sessions");
        // ulimit -f counts 1 KiB blocks: the lossless camera file reaches 2 MiB after a few dozen frames. The runtime's
        // W^X double mapping sizes a memory file, which the limit would refuse before Main runs: it is turned off.
        string command = $"ulimit -f 2048; export DOTNET_EnableWriteXorExecute=0; exec dotnet '{RecordingProbe.SccdmDll}' run --source lavfi:testsrc2 --headless --frames 120 --size 640x360 --record '{root}'";
        using var process = RecordingProbe.Start("bash", ["-c", command], out var output);
        Assert.True(process.WaitForExit((int)_deadline.TotalMilliseconds), $"sccdm did not finish: {output()}");
        process.WaitForExit();
        string text = output();
        Assert.True(process.ExitCode == ExitCodes.Ok, $"exit {process.ExitCode}: {text}");
        Assert.Contains("recording stopped", text);
        Assert.Contains("File too large", text);
        Assert.Contains("composed 120 frame(s)", text);
        string session = Assert.Single(RecordingProbe.Sessions(root));
        var (codec, frames) = RecordingProbe.Probe(Path.Combine(session, SessionFiles.View));
        Assert.Equal("h264", codec);
        Assert.True(frames is >= 1 and < 120, $"ffprobe decoded {frames} frame(s)");
        Assert.Equal(frames, RecordingProbe.CompleteLines(Path.Combine(session, SessionFiles.FrameLog)));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(session, SessionFiles.Manifest)));
        Assert.Equal("failed", manifest.RootElement.GetProperty("status").GetString());
        Assert.Contains("File too large", manifest.RootElement.GetProperty("failure").GetString());
    }

    [Fact]
    public void Replay_of_a_recorded_phantom_session_reproduces_its_keypoints()
    {
        using var temp = new TempDirectory("kiosk");
        string root = Path.Combine(temp.Path, "sessions");
        var config = new AppConfig
        {
            Synthesizer = "cpu",
            Model = Path.Combine(FixturePaths.Root, "tiny_denoiser.onnx"),
            KeypointModel = Path.Combine(FixturePaths.Root, "tiny_keypoints.onnx"),
        };
        var stderr = new StringWriter();
        var result = KioskApp.RunHeadless(
            new KioskOptions { Source = "phantom:3", Headless = true, Frames = 12, Width = 320, Height = 180, RecordDirectory = root },
            config,
            TextWriter.Null,
            stderr,
            CancellationToken.None);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"exit {result.ExitCode}: {stderr}");
        var recorded = RecordedSession.Open(Assert.Single(result.Recordings));
        var xrays = recorded.ReadXrays();
        Assert.Equal(12, xrays.Count);
        Assert.All(xrays, x => Assert.Equal(10, x.Keypoints.Length));
        // The keypoints move with the phantom, so reproducing them is not trivial.
        Assert.True(xrays.Select(x => (x.Keypoints[0].X, x.Keypoints[0].Y)).Distinct().Count() > 1, "the recorded keypoints never move");

        var options = new KioskOptions
        {
            Source = "replay",
            OpenSource = paced => SessionReplay.OpenCamera(recorded, paced),
            Steps = recorded.Steps,
            ReuseThreshold = recorded.ReuseThreshold,
            WarmStartThreshold = recorded.WarmStartThreshold,
            Width = 320,
            Height = 180,
        };
        var drift = SessionReplay.Compare(recorded, xrays, options, config, TextWriter.Null, limit: null, CancellationToken.None);
        Assert.Equal(12, drift.Compared);
        Assert.Equal(120, drift.KeypointPx.Count);
        // frames.jsonl rounds keypoints to 0.001 px.
        Assert.True(drift.KeypointPx.Max < 0.01, $"keypoints drift by up to {drift.KeypointPx.Max} px");
        Assert.True(drift.Kcc.Max < 1e-3, $"KCC drifts by up to {drift.Kcc.Max}");
    }

    [Fact]
    public void Replay_of_a_missing_or_corrupt_session_fails_with_a_clear_message()
    {
        using var temp = new TempDirectory("kiosk");
        Assert.Equal(ExitCodes.Io, Cli.Run(["replay", Path.Combine(temp.Path, "nothing-here"), "--compare"]));
        var missing = Assert.Throws<RecordingException>(() => RecordedSession.Open(temp.Path));
        Assert.Contains("session.json is missing", missing.Message);

        File.WriteAllText(Path.Combine(temp.Path, SessionFiles.Manifest), "{\"format\": \"sccdm-session/1\", \"id\": ");
        Assert.Equal(ExitCodes.Io, Cli.Run(["replay", temp.Path, "--compare"]));
        var corrupt = Assert.Throws<RecordingException>(() => RecordedSession.Open(temp.Path));
        Assert.Contains("corrupt session manifest", corrupt.Message);
        Assert.DoesNotContain("\n", corrupt.Message);
    }
}
