namespace SccDm.Realtime.Capture;

/// <summary>
/// Drains a child process's stderr on its own thread, keeping the last lines for error messages. Draining is what
/// matters: a full stderr pipe would block ffmpeg and so stall the frames on stdout.
/// </summary>
internal sealed class StderrTail
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly Thread _thread;
    private readonly TextReader _reader;

    /// <summary>Starts draining <paramref name="reader"/> on a background thread named <paramref name="name"/>.</summary>
    public StderrTail(TextReader reader, int capacity, string name)
    {
        _reader = reader;
        _capacity = capacity;
        _thread = new Thread(Drain) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Waits up to <paramref name="timeout"/> for stderr to reach its end (the process closed it).</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>The kept lines joined with " | ", or an empty string.</summary>
    public string Text() => string.Join(" | ", Lines());

    /// <summary>A copy of the kept lines, oldest first.</summary>
    public string[] Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    private void Drain()
    {
        try
        {
            while (_reader.ReadLine() is { } line)
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                lock (_lines)
                {
                    if (_lines.Count == _capacity)
                    {
                        _lines.Dequeue();
                    }

                    _lines.Enqueue(line.Trim());
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was disposed under us: nothing more to read.
        }
    }
}
