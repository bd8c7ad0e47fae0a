namespace SccDm.Realtime.Measurement;

/// <summary>The ten foot keypoints of one image, in <see cref="FootKeypoint"/> order.</summary>
public sealed record KeypointSet
{
    private readonly Keypoint2D[] _points;

    /// <summary>Creates a set from exactly <see cref="FootSkeleton.Count"/> points in order.</summary>
    public KeypointSet(IReadOnlyList<Keypoint2D> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count != FootSkeleton.Count)
        {
            throw new ArgumentException($"A foot keypoint set has {FootSkeleton.Count} points, got {points.Count}.", nameof(points));
        }

        _points = [.. points];
    }

    /// <summary>The points in <see cref="FootKeypoint"/> order.</summary>
    public IReadOnlyList<Keypoint2D> Points => _points;

    /// <summary>The point for <paramref name="keypoint"/>.</summary>
    public Keypoint2D this[FootKeypoint keypoint] => _points[(int)keypoint];

    /// <summary>Copies the points into <paramref name="destination"/> (length ≥ 10) without allocating.</summary>
    public void CopyTo(Span<Keypoint2D> destination) => _points.CopyTo(destination);

    /// <summary>Returns a new set with every point mapped by <paramref name="map"/>.</summary>
    public KeypointSet Select(Func<Keypoint2D, Keypoint2D> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mapped = new Keypoint2D[_points.Length];
        for (int i = 0; i < mapped.Length; i++)
        {
            mapped[i] = map(_points[i]);
        }

        return new KeypointSet(mapped);
    }

    /// <summary>Value equality over the ten points (records would otherwise compare the array by reference).</summary>
    public bool Equals(KeypointSet? other) => other is not null && _points.AsSpan().SequenceEqual(other._points);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in _points)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }
}
