namespace SccDm.Realtime.Synthesis;

/// <summary>
/// A latest-frame-wins slot between one writer thread and one reader thread: a lock-free triple buffer.
/// The writer fills <see cref="WriteBuffer"/> and calls <see cref="Publish"/>; the reader calls
/// <see cref="TryTake"/> and gets the newest published buffer. Neither side ever blocks or waits for the other,
/// nothing queues (a publish the reader never saw is simply overwritten by the next), and each side owns its buffer
/// exclusively until it hands it over, so a value is never torn. Publish and take allocate nothing.
/// </summary>
/// <typeparam name="T">A reusable buffer type (a camera frame, a synthesis result).</typeparam>
public sealed class LatestSlot<T>
    where T : class
{
    // _state packs the index (0–2) of the buffer in the middle, between the two sides, and whether it holds a
    // publish the reader has not taken yet. Every hand-over is one Interlocked.Exchange of that word, which also
    // orders the buffer's contents (a full fence) before the other side can see the index.
    private const int FreshBit = 4;
    private const int IndexMask = 3;

    private readonly T[] _buffers;
    private int _state;
    private int _writeIndex;
    private int _readIndex;
    private long _published;
    private bool _taken;

    /// <summary>Creates the slot with three buffers from <paramref name="factory"/>.</summary>
    public LatestSlot(Func<T> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _buffers = [factory(), factory(), factory()];
        if (_buffers[0] is null || _buffers[1] is null || _buffers[2] is null)
        {
            throw new ArgumentException("The factory returned null.", nameof(factory));
        }

        if (ReferenceEquals(_buffers[0], _buffers[1]) || ReferenceEquals(_buffers[1], _buffers[2]) || ReferenceEquals(_buffers[0], _buffers[2]))
        {
            throw new ArgumentException("The factory must return a new buffer on each call.", nameof(factory));
        }

        _writeIndex = 0;
        _state = 1;
        _readIndex = 2;
    }

    /// <summary>The writer's private buffer: fill it, then <see cref="Publish"/>. Only the writer thread may touch it.</summary>
    public T WriteBuffer => _buffers[_writeIndex];

    /// <summary>
    /// The reader's current buffer (the one the last successful <see cref="TryTake"/> returned), or null before the
    /// first. Only the reader thread may touch it; it stays valid until the reader's next successful take.
    /// </summary>
    public T? ReadBuffer => _taken ? _buffers[_readIndex] : null;

    /// <summary>Number of publishes so far (any thread may read it).</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>
    /// Writer: makes <see cref="WriteBuffer"/> the newest value and takes over the older middle buffer as the next
    /// <see cref="WriteBuffer"/>. Never blocks.
    /// </summary>
    public void Publish()
    {
        int previous = Interlocked.Exchange(ref _state, _writeIndex | FreshBit);
        _writeIndex = previous & IndexMask;
        Interlocked.Increment(ref _published);
    }

    /// <summary>
    /// Reader: when something was published since the last take, swaps it in and returns true with it in
    /// <paramref name="value"/>. Otherwise returns false and leaves <paramref name="value"/> as the current
    /// <see cref="ReadBuffer"/> (null before the first take). Never blocks.
    /// </summary>
    public bool TryTake(out T? value)
    {
        if ((Volatile.Read(ref _state) & FreshBit) == 0)
        {
            value = ReadBuffer;
            return false;
        }

        // Only the writer sets FreshBit and only the reader clears it, so the bit cannot vanish between the read
        // above and this exchange: the exchange always takes a fresh buffer.
        int previous = Interlocked.Exchange(ref _state, _readIndex);
        _readIndex = previous & IndexMask;
        _taken = true;
        value = _buffers[_readIndex];
        return true;
    }
}
