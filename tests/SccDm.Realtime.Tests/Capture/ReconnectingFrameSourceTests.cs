using SccDm.Realtime.Capture;

namespace SccDm.Realtime.Tests.Capture;

/// <summary>Backoff and state with a fake inner source and a delay delegate that records and returns at once: no sleeping.</summary>
public sealed class ReconnectingFrameSourceTests
{
    private readonly List<TimeSpan> _delays = [];
    private readonly List<CaptureLinkState> _statesDuringDelays = [];
    private readonly List<ScriptedLiveSource> _opened = [];
    private readonly Queue<object> _script = new();
    private ReconnectingFrameSource? _source;

    [Fact]
    public void Backoff_doubles_from_half_a_second_to_an_eight_second_cap()
    {
        var options = new ReconnectOptions();
        double[] seconds = [.. Enumerable.Range(1, 8).Select(a => options.DelayBefore(a).TotalSeconds)];
        Assert.Equal([0.5, 1, 2, 4, 8, 8, 8, 8], seconds);
        Assert.Equal(TimeSpan.FromSeconds(8), options.DelayBefore(int.MaxValue));
    }

    [Fact]
    public void A_dead_camera_is_reopened_with_backoff_and_reading_never_throws()
    {
        // The first camera gives 2 frames and dies; 5 reopen attempts fail; the 6th works.
        var source = Create(new ScriptedLiveSource(2, 1), Fail(5), new ScriptedLiveSource(100, 2));
        var frame = new CameraFrame(8, 6);
        Assert.True(source.ReadFrame(frame));
        Assert.True(source.ReadFrame(frame));
        Assert.Equal(CaptureLinkStatus.Live, source.State.Status);
        Assert.Empty(_delays);

        Assert.True(source.ReadFrame(frame));
        Assert.Equal([0.5, 1, 2, 4, 8, 8], _delays.Select(d => d.TotalSeconds));
        Assert.Equal(2, frame.Pixels[0]);
        Assert.Equal(2, frame.Sequence);
        Assert.Equal(CaptureLinkState.Live, source.State);
        Assert.Equal(1, source.Reconnects);
        Assert.True(_opened[0].Disposed);

        Assert.Equal([1, 2, 3, 4, 5, 6], _statesDuringDelays.Select(s => s.Attempt));
        Assert.All(_statesDuringDelays, s => Assert.Equal(CaptureLinkStatus.Reconnecting, s.Status));
        Assert.Equal("camera 1 unplugged", _statesDuringDelays[0].LastError);
        Assert.All(_statesDuringDelays.Skip(1), s => Assert.Equal("no camera yet", s.LastError));
        Assert.Equal(_delays, _statesDuringDelays.Select(s => s.NextDelay));
        Assert.StartsWith("camera lost — retrying (attempt 1, in 0.5 s): camera 1 unplugged", _statesDuringDelays[0].Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_ends_counts_as_a_failure_and_the_backoff_restarts_after_a_success()
    {
        var source = Create(new ScriptedLiveSource(1, 1, endsInsteadOfThrowing: true), Fail(1), new ScriptedLiveSource(1, 2), new ScriptedLiveSource(5, 3));
        var frame = new CameraFrame(8, 6);
        var sequences = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(source.ReadFrame(frame));
            sequences.Add(frame.Sequence);
        }

        Assert.Equal([0, 1, 2, 3], sequences);
        Assert.Equal(3, frame.Pixels[0]);
        // 0.5 + 1 for the first outage (one failed reopen), then 0.5 again: the success reset the backoff.
        Assert.Equal([0.5, 1, 0.5], _delays.Select(d => d.TotalSeconds));
        Assert.Contains("the stream ended", _statesDuringDelays[0].LastError, StringComparison.Ordinal);
        Assert.Equal(2, source.Reconnects);
    }

    [Fact]
    public void Stream_time_runs_from_the_first_frame_across_reconnects()
    {
        var source = Create(new ScriptedLiveSource(1, 1), new ScriptedLiveSource(1, 2));
        var frame = new CameraFrame(8, 6);
        Assert.True(source.ReadFrame(frame));
        Assert.Equal(0, frame.StreamTime);
        Assert.True(source.ReadFrame(frame));
        Assert.True(frame.StreamTime > 0);
    }

    [Fact]
    public void Cancellation_during_an_outage_ends_the_read()
    {
        using var cancellation = new CancellationTokenSource();
        var source = CreateWith(
            (wait, token) =>
            {
                _delays.Add(wait);
                if (_delays.Count == 3)
                {
                    cancellation.Cancel();
                }
            },
            new ScriptedLiveSource(0, 1),
            Fail(100));
        var frame = new CameraFrame(8, 6);
        Assert.ThrowsAny<OperationCanceledException>(() => source.ReadFrame(frame, cancellation.Token));
        Assert.Equal(3, _delays.Count);
    }

    [Fact]
    public void Dispose_during_an_outage_ends_the_stream_and_stops()
    {
        var source = CreateWith(
            (wait, token) =>
            {
                _delays.Add(wait);
                _source!.Dispose();
                Assert.True(token.IsCancellationRequested);
            },
            new ScriptedLiveSource(0, 1),
            Fail(100));
        var frame = new CameraFrame(8, 6);
        Assert.False(source.ReadFrame(frame));
        Assert.Equal(CaptureLinkStatus.Stopped, source.State.Status);
        Assert.All(_opened, o => Assert.True(o.Disposed));
        source.Dispose();
    }

    [Fact]
    public void A_source_that_cannot_be_opened_at_all_fails_at_construction()
    {
        var e = Assert.Throws<CaptureException>(() => new ReconnectingFrameSource(() => throw new CaptureException("camera device not found: /dev/video0")));
        Assert.Contains("/dev/video0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_sized_frame_is_the_callers_mistake_and_throws()
    {
        var source = Create(new ScriptedLiveSource(5, 1));
        Assert.Throws<ArgumentException>(() => source.ReadFrame(new CameraFrame(4, 4)));
    }

    private static object[] Fail(int times) => [.. Enumerable.Repeat<object>(new CaptureException("no camera yet"), times)];

    private ReconnectingFrameSource Create(params object[] script) => CreateWith(null, script);

    private ReconnectingFrameSource CreateWith(Action<TimeSpan, CancellationToken>? delay, params object[] script)
    {
        foreach (object step in script)
        {
            if (step is object[] many)
            {
                foreach (object s in many)
                {
                    _script.Enqueue(s);
                }
            }
            else
            {
                _script.Enqueue(step);
            }
        }

        _source = new ReconnectingFrameSource(Next, delay: delay ?? ((wait, token) =>
        {
            _delays.Add(wait);
            _statesDuringDelays.Add(_source!.State);
        }));
        return _source;
    }

    private IFrameSource Next()
    {
        object step = _script.Dequeue();
        if (step is Exception e)
        {
            throw e;
        }

        var source = (ScriptedLiveSource)step;
        _opened.Add(source);
        return source;
    }
}
