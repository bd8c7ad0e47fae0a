namespace SccDm.Realtime.Native.Onnx;

/// <summary>Turns <c>OrtStatus*</c> results into <see cref="OnnxRuntimeException"/>s, releasing the status.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Throws if <paramref name="status"/> is an error; <paramref name="operation"/> names the C API call for the message.</summary>
    public static void Check(OrtApiTable api, nint status, string operation)
    {
        if (status == 0)
        {
            return;
        }
        throw ToException(api, status, operation);
    }

    /// <summary>Reads and releases an error status.</summary>
    public static OnnxRuntimeException ToException(OrtApiTable api, nint status, string operation)
    {
        var code = (OrtErrorCode)api.GetErrorCode(status);
        string message = Utf8.Read(api.GetErrorMessage(status));
        api.ReleaseStatus(status);
        return new OnnxRuntimeException(code, $"{operation}: {message}");
    }
}
