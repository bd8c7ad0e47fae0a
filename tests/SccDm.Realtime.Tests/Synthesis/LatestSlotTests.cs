using SccDm.Realtime.Synthesis;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Synthesis;

public sealed class LatestSlotTests
{
    /// <summary>A buffer whose every element must hold the same value: a torn read would mix two publishes.</summary>
    private sealed class Stamped
    {
        public long[] Values { get; } = new long[64];

        public void Fill(long value) => Array.Fill(Values, value);

        public bool IsConsistent(out long value)
        {
            value = Values[0];
            foreach (long v in Values)
            {
                if (v != value)
                {
                    return false;
                }
            }

            return true;
        }
    }

    [Fact]
    public void Nothing_to_take_before_the_first_publish()
    {
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        Assert.False(slot.TryTake(out var value));
        Assert.Null(value);
        Assert.Null(slot.ReadBuffer);
        Assert.Equal(0, slot.PublishedCount);
    }

    [Fact]
    public void Newest_publish_wins_and_older_ones_are_dropped_not_queued()
    {
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        for (long i = 1; i <= 5; i++)
        {
            slot.WriteBuffer.Fill(i);
            slot.Publish();
        }

        Assert.True(slot.TryTake(out var value));
        Assert.True(value!.IsConsistent(out long got));
        Assert.Equal(5, got);

        // Nothing new: the reader keeps what it has, and the earlier publishes never come back.
        Assert.False(slot.TryTake(out var again));
        Assert.Same(value, again);
        Assert.Same(value, slot.ReadBuffer);
        Assert.Equal(5, slot.PublishedCount);
    }

    [Fact]
    public void Writer_and_reader_never_share_a_buffer()
    {
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        var seen = new HashSet<Stamped>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < 10; i++)
        {
            slot.WriteBuffer.Fill(i);
            slot.Publish();
            Assert.True(slot.TryTake(out var taken));
            Assert.NotSame(taken, slot.WriteBuffer);
            seen.Add(taken!);
            seen.Add(slot.WriteBuffer);
        }

        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void Reader_does_not_wait_for_a_writer_that_is_mid_write()
    {
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        slot.WriteBuffer.Fill(1);
        slot.Publish();

        // The writer starts a new value and never finishes it; the reader still gets the last complete one, at once.
        slot.WriteBuffer.Fill(2);
        Assert.True(slot.TryTake(out var value));
        Assert.True(value!.IsConsistent(out long got));
        Assert.Equal(1, got);
        for (int i = 0; i < 1000; i++)
        {
            Assert.False(slot.TryTake(out _));
        }
    }

    [Fact]
    public void Concurrent_writer_and_reader_see_no_torn_or_backward_values()
    {
        const long publishes = 200_000;
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        var writer = new Thread(() =>
        {
            for (long i = 1; i <= publishes; i++)
            {
                slot.WriteBuffer.Fill(i);
                slot.Publish();
            }
        });

        long last = 0, takes = 0, torn = 0, backwards = 0;
        writer.Start();
        while (last < publishes)
        {
            // Read before taking: if the writer had already finished, this take sees its final publish.
            bool writerDone = !writer.IsAlive;
            if (slot.TryTake(out var value))
            {
                takes++;
                if (!value!.IsConsistent(out long got))
                {
                    torn++;
                }
                else if (got <= last)
                {
                    backwards++;
                }
                else
                {
                    last = got;
                }
            }
            else if (writerDone)
            {
                break;
            }
        }

        writer.Join();
        Assert.Equal(0, torn);
        Assert.Equal(0, backwards);
        Assert.Equal(publishes, last);
        Assert.InRange(takes, 1, publishes);
    }

    [Fact]
    public void Publish_and_take_allocate_nothing()
    {
        var slot = new LatestSlot<Stamped>(() => new Stamped());
        slot.Publish();
        slot.TryTake(out _);
        int i = 0;
        Assert.Equal(0, Allocations.SteadyStateBytes(
            () =>
            {
                slot.WriteBuffer.Values[0] = i++;
                slot.Publish();
                slot.TryTake(out _);
                slot.TryTake(out _);
            },
            10_000));
    }

    [Fact]
    public void Factory_must_return_distinct_buffers()
    {
        var shared = new Stamped();
        Assert.Throws<ArgumentException>(() => new LatestSlot<Stamped>(() => shared));
    }
}
