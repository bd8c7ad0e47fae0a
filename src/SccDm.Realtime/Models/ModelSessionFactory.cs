using SccDm.Realtime.Native.Onnx;

namespace SccDm.Realtime.Models;

/// <summary>Creates an ORT session for a model file, applying the provider policy and turning load failures into <see cref="ModelLoadException"/>.</summary>
internal static class ModelSessionFactory
{
    public static InferenceSession Create(string path, ModelOptions options, out ExecutionProviderChoice choice)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (Directory.Exists(path))
        {
            throw new ModelLoadException(path, $"{path} is a folder, not an .onnx model file.", OrtErrorCode.NoSuchFile);
        }
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path,
                $"{path}: model file not found (looked at {Path.GetFullPath(path)}). Check the path in the configuration or on the command line; `sccdm doctor` lists the models it finds.",
                OrtErrorCode.NoSuchFile);
        }

        InferenceSession session;
        using (var sessionOptions = NewOptions(options))
        {
            choice = ExecutionProviderPolicy.Apply(sessionOptions, options.ExecutionProvider, options.CudaDeviceId);
            try
            {
                session = new InferenceSession(path, sessionOptions);
            }
            catch (OnnxRuntimeException cudaError) when (choice.Provider == ExecutionProviderKind.Cuda)
            {
                // CUDA appended fine but the session did not build on it (no device, cuDNN missing…): the model may
                // still be good on CPU. If CPU fails too, the model itself is the problem.
                using var cpuOptions = NewOptions(options);
                session = CreateOrThrow(path, cpuOptions);
                choice = new ExecutionProviderChoice(ExecutionProviderKind.Cpu,
                    $"CUDA session could not be created: {cudaError.OrtMessage} — falling back to CPU. {ExecutionProviderPolicy.CudaHint}")
                { IsFallback = true };
            }
            catch (OnnxRuntimeException e)
            {
                throw LoadError(path, e);
            }
        }
        options.Log?.Invoke($"{path}: execution provider {choice.Provider}: {choice.Reason}");
        return session;
    }

    private static InferenceSession CreateOrThrow(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw LoadError(path, e);
        }
    }

    private static SessionOptions NewOptions(ModelOptions options)
    {
        var sessionOptions = new SessionOptions();
        try
        {
            if (options.IntraOpNumThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpNumThreads;
            }
            if (!options.IntraOpSpinning)
            {
                sessionOptions.IntraOpSpinning = false;
            }

            sessionOptions.GraphOptimizationLevel = options.GraphOptimizationLevel;
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    private static ModelLoadException LoadError(string path, OnnxRuntimeException e)
    {
        string what = e.ErrorCode switch
        {
            OrtErrorCode.InvalidProtobuf => "The file is truncated or not an ONNX model: copy or export it again.",
            OrtErrorCode.NoSuchFile => "The file could not be opened: check that it exists and is readable.",
            OrtErrorCode.InvalidGraph or OrtErrorCode.NotImplemented =>
                $"The model uses an operator or opset ONNX Runtime {OrtLibrary.Version} does not support: export it again with opset 17.",
            _ => "Check that it is an ONNX model exported for SCCDM (models/README.md describes the contract).",
        };
        return new ModelLoadException(path, $"{path}: ONNX Runtime could not load the model: {e.OrtMessage.TrimEnd('.', ' ')}. {what}", e.ErrorCode, e);
    }
}
