namespace SccDm.Realtime.Recording;

/// <summary>A model file a session used; its SHA-256 is computed when the recording starts.</summary>
/// <param name="Role">"denoiser" or "keypoints".</param>
/// <param name="Path">The file.</param>
public sealed record RecordedModel(string Role, string Path);
