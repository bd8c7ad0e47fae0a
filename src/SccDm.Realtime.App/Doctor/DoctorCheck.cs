namespace SccDm.Realtime.App.Doctor;

/// <summary>One row of the doctor's table.</summary>
/// <param name="Area">What is checked: "Vulkan", "ONNX Runtime", "ffmpeg", …</param>
/// <param name="Status">OK, WARN or MISSING.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to install or set when it is not OK.</param>
internal sealed record DoctorCheck(string Area, CheckStatus Status, string Detail, string Fix = "");
