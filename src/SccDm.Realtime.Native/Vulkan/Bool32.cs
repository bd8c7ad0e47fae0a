namespace SccDm.Realtime.Native.Vulkan;

/// <summary>VkBool32: a 32-bit boolean (VK_TRUE = 1, VK_FALSE = 0), convertible to and from <see cref="bool"/>.</summary>
public readonly struct Bool32 : IEquatable<Bool32>
{
    /// <summary>The raw value.</summary>
    public readonly uint Value;

    public Bool32(bool value)
    {
        Value = value ? 1u : 0u;
    }

    public static implicit operator bool(Bool32 value) => value.Value != 0;

    public static implicit operator Bool32(bool value) => new(value);

    public static bool operator ==(Bool32 left, Bool32 right) => (left.Value != 0) == (right.Value != 0);

    public static bool operator !=(Bool32 left, Bool32 right) => !(left == right);

    public bool Equals(Bool32 other) => this == other;

    public override bool Equals(object? obj) => obj is Bool32 other && Equals(other);

    public override int GetHashCode() => (Value != 0).GetHashCode();

    public override string ToString() => Value != 0 ? "true" : "false";
}
