using System.Text.Json;
using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Evaluation;

/// <summary>A sample's <c>keypoints.json</c>: keypoints in continuous pixel coordinates of <see cref="Size"/>, and angles.</summary>
public sealed record GroundTruth(int Size, Keypoint2D[] Keypoints, double Hva, double Ima)
{
    /// <summary>Reads <paramref name="path"/>; null keypoints when the file has none.</summary>
    /// <exception cref="InvalidDataException">The file is not the reference layout's JSON.</exception>
    public static GroundTruth Read(string path)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            int size = root.TryGetProperty("size", out JsonElement s) ? s.GetInt32() : 0;
            var points = new Keypoint2D[FootSkeleton.Names.Count];
            var byName = root.GetProperty("keypoints").EnumerateArray()
                .ToDictionary(k => k.GetProperty("name").GetString()!, k => new Keypoint2D(k.GetProperty("x").GetDouble(), k.GetProperty("y").GetDouble()));
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = byName.TryGetValue(FootSkeleton.Names[i], out Keypoint2D p)
                    ? p
                    : throw new InvalidDataException($"{path}: keypoint '{FootSkeleton.Names[i]}' is missing");
            }
            JsonElement angles = root.GetProperty("angles");
            return new GroundTruth(size, points, angles.GetProperty("hva").GetDouble(), angles.GetProperty("ima").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a keypoints.json of the reference layout: {e.Message}", e);
        }
    }
}
