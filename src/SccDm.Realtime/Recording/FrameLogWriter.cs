using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Recording;

/// <summary>
/// Writes <c>frames.jsonl</c>: one JSON object per recorded view frame, written through to the file at once, so a
/// killed session keeps every line whose frame reached the encoder. Times are seconds since the session started.
/// Writer thread only.
/// </summary>
internal sealed class FrameLogWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly long _origin;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates the file (0600); times are relative to <paramref name="origin"/> (Stopwatch ticks).</summary>
    public FrameLogWriter(string path, long origin)
    {
        _path = path;
        _origin = origin;
        _file = PrivateFiles.CreateFile(path, bufferSize: 0);
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <summary>Writes the line for view frame <paramref name="index"/>.</summary>
    /// <exception cref="IOException">The file could not be written (full disk, file-size limit).</exception>
    public void Write(long index, ViewFrame frame, long cameraIndex, long resultCameraIndex)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        var j = _json;
        j.WriteStartObject();
        j.WriteNumber("frame", index);
        j.WriteNumber("t_present", Seconds(frame.PresentTimestamp));
        if (frame.CameraSequence >= 0)
        {
            j.WriteNumber("t_capture", Seconds(frame.CaptureTimestamp));
            j.WriteNumber("camera_sequence", frame.CameraSequence);
        }

        WriteIndex(j, "camera_index", cameraIndex);
        j.WriteBoolean("frozen", frame.Frozen);
        if (frame.Sampler is { } sampler)
        {
            j.WriteNumber("steps", sampler.Steps);
            j.WriteString("sampler", sampler.Variant.ToString().ToLowerInvariant());
        }

        if (frame.HasResult)
        {
            j.WriteStartObject("xray");
            j.WriteNumber("camera_sequence", frame.ResultSequence);
            WriteIndex(j, "camera_index", resultCameraIndex);
            j.WriteNumber("t_capture", Seconds(frame.ResultCaptureTimestamp));
            j.WriteNumber("t_done", Seconds(frame.ResultCompletedTimestamp));
            j.WriteBoolean("reused", frame.Reused);
            j.WriteNumber("network_calls", frame.NetworkCalls);
            j.WriteNumber("size", frame.XraySize);
            if (frame.HasKeypoints)
            {
                WriteFinite(j, "kcc", frame.Kcc);
                j.WriteStartArray("keypoints");
                foreach (var k in frame.Keypoints)
                {
                    j.WriteStartArray();
                    j.WriteNumberValue(Math.Round(k.X, 3));
                    j.WriteNumberValue(Math.Round(k.Y, 3));
                    j.WriteNumberValue(Math.Round(k.Confidence, 4));
                    j.WriteEndArray();
                }

                j.WriteEndArray();
            }

            if (frame.Angles is { } angles)
            {
                WriteAngles(j, angles.Hva, angles.Ima);
            }

            j.WriteEndObject();
        }

        if (frame.HasReading)
        {
            j.WriteStartObject("reading");
            WriteAngles(j, frame.ReadingHva, frame.ReadingIma);
            j.WriteEndObject();
        }

        j.WriteStartObject("timings_ms");
        j.WriteNumber("compose", Math.Round(frame.ComposeMs, 3));
        if (frame.PresentMs > 0)
        {
            j.WriteNumber("present", Math.Round(frame.PresentMs, 3));
        }

        if (frame.HasResult)
        {
            j.WriteNumber("synthesis", Math.Round(Ms(frame.ResultCaptureTimestamp, frame.ResultCompletedTimestamp), 3));
            j.WriteNumber("xray_age", Math.Round(Ms(frame.ResultCaptureTimestamp, frame.PresentTimestamp), 3));
        }

        if (frame.CameraSequence >= 0)
        {
            j.WriteNumber("camera_latency", Math.Round(Ms(frame.CaptureTimestamp, frame.PresentTimestamp), 3));
        }

        j.WriteEndObject();
        j.WriteEndObject();
        j.Flush();
        try
        {
            _file.Write(_buffer.WrittenSpan);
            _file.WriteByte((byte)'\n');
        }
        catch (Exception e) when (WriteErrors.IsWriteFailure(e))
        {
            throw new IOException($"cannot write {_path}: {WriteErrors.Describe(e)}", e);
        }

        Lines++;
    }

    /// <summary>Closes the file. Idempotent.</summary>
    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private static void WriteIndex(Utf8JsonWriter j, string name, long index)
    {
        if (index >= 0)
        {
            j.WriteNumber(name, index);
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private static void WriteAngles(Utf8JsonWriter j, double hva, double ima)
    {
        WriteFinite(j, "hva", hva);
        WriteFinite(j, "ima", ima);
        if (double.IsFinite(hva) && hva >= 0)
        {
            j.WriteString("hva_grade", HalluxValgusGrading.NameOf(HalluxValgusGrading.FromHva(hva)));
        }

        if (double.IsFinite(ima) && ima >= 0)
        {
            j.WriteString("ima_grade", HalluxValgusGrading.NameOf(HalluxValgusGrading.FromIma(ima)));
        }
    }

    private static void WriteFinite(Utf8JsonWriter j, string name, double value)
    {
        if (double.IsFinite(value))
        {
            j.WriteNumber(name, Math.Round(value, 3));
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private double Seconds(long timestamp) => Math.Round((double)(timestamp - _origin) / Stopwatch.Frequency, 6);

    private static double Ms(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;
}
