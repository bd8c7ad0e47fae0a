namespace SccDm.Realtime.Recording;

/// <summary>
/// A fixed pool of reusable slots handed from producers to one consumer thread, in order. Renting never blocks
/// unless asked to: with no free slot the producer drops its frame (and the recorder counts it), so a slow encoder
/// never stalls the display or the camera. Closing wakes everyone; the consumer then drains what was published.
/// </summary>
internal sealed class SlotQueue<T>
    where T : class
{
    private readonly Queue<T> _free;
    private readonly Queue<T> _ready;
    private readonly object _lock = new();
    private bool _closed;

    /// <summary>Creates the queue with <paramref name="capacity"/> slots made by <paramref name="create"/>.</summary>
    public SlotQueue(int capacity, Func<T> create)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _free = new Queue<T>(capacity);
        _ready = new Queue<T>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            _free.Enqueue(create());
        }
    }

    /// <summary>True once <see cref="Close"/> was called.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>A free slot, or null when none is free (or the queue is closed). With <paramref name="wait"/>, waits for one instead.</summary>
    public T? TryRent(bool wait)
    {
        lock (_lock)
        {
            while (!_closed && _free.Count == 0 && wait)
            {
                Monitor.Wait(_lock);
            }

            return !_closed && _free.Count > 0 ? _free.Dequeue() : null;
        }
    }

    /// <summary>Hands a rented slot to the consumer.</summary>
    public void Publish(T slot)
    {
        lock (_lock)
        {
            _ready.Enqueue(slot);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Gives a rented slot back unused.</summary>
    public void Return(T slot)
    {
        lock (_lock)
        {
            _free.Enqueue(slot);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Consumer: the next published slot; blocks while none is ready. Null once closed and drained.</summary>
    public T? Take()
    {
        lock (_lock)
        {
            while (_ready.Count == 0 && !_closed)
            {
                Monitor.Wait(_lock);
            }

            return _ready.Count > 0 ? _ready.Dequeue() : null;
        }
    }

    /// <summary>Consumer: throws away what is still queued (after a failure).</summary>
    public void Discard()
    {
        lock (_lock)
        {
            while (_ready.Count > 0)
            {
                _free.Enqueue(_ready.Dequeue());
            }

            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>No more rents; the consumer drains what was published, then <see cref="Take"/> returns null.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
    }
}
