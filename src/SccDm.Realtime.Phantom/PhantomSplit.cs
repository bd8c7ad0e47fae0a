namespace SccDm.Realtime.Phantom;

/// <summary>Dataset split. Each split draws from its own disjoint seed range (see <see cref="PhantomDataset.SeedFor"/>).</summary>
public enum PhantomSplit
{
    /// <summary>Training samples: seeds [0, 1e9).</summary>
    Train = 0,

    /// <summary>Validation samples: seeds [1e9, 2e9).</summary>
    Val = 1,

    /// <summary>Test samples: seeds [2e9, 3e9).</summary>
    Test = 2,
}
