using System.Runtime.InteropServices;
using SccDm.Realtime.Native.Onnx;
using SccDm.Realtime.Testing;

namespace SccDm.Realtime.Tests.Onnx;

public sealed unsafe class OrtBindingTests
{
    private const int Size = TinyDenoiserReference.Size;
    private static readonly string[] _denoiserOutputs = ["eps", "attn", "feat_0", "feat_1"];

    [Fact]
    public void Library_is_onnxruntime_1_30_0_with_api_30()
    {
        Assert.Equal("1.30.0", OrtLibrary.Version);
        Assert.Equal(OrtLibrary.PreferredApiVersion, OrtLibrary.ApiVersion);
        Assert.EndsWith(OrtLibrary.LibraryFileName, OrtLibrary.LoadedFrom);
        Assert.True(File.Exists(OrtLibrary.LoadedFrom), OrtLibrary.LoadedFrom);
    }

    [Fact]
    public void Status_round_trip_matches_the_function_table() => OrtLibrary.VerifyFunctionTable();

    [Fact]
    public void Cpu_provider_is_available()
    {
        Assert.Contains("CPUExecutionProvider", OrtEnv.Instance.GetAvailableProviders());
        Assert.Contains("CPUExecutionProvider", SessionOptions.GetAvailableProviders());
    }

    [Fact]
    public void Session_reports_inputs_outputs_and_metadata()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_denoiser.onnx"));

        Assert.Equal(["d_t", "cond", "t"], session.InputNames);
        Assert.Equal(_denoiserOutputs, session.OutputNames);

        var dt = session.InputMetadata["d_t"];
        Assert.Equal(TensorElementType.Float, dt.ElementType);
        Assert.Equal([-1L, 1, Size, Size], dt.Dimensions);
        Assert.Equal("N", dt.SymbolicDimensions[0]);
        Assert.Equal("float32 [N,1,32,32]", dt.ToString());
        Assert.Equal("int64 [N]", session.InputMetadata["t"].ToString());
        Assert.Equal("float32 [N,1,4,4]", session.OutputMetadata["attn"].ToString());
        Assert.Equal("float32 [N,1,8,8]", session.OutputMetadata["feat_0"].ToString());
        Assert.Equal("float32 [N,1,16,16]", session.OutputMetadata["feat_1"].ToString());

        var metadata = session.ModelMetadata;
        Assert.Equal("sccdm-fixtures", metadata.ProducerName);
        Assert.Equal("tiny_denoiser", metadata.GraphName);
        Assert.Equal("1000", metadata.CustomMetadataMap["sccdm.T"]);
        Assert.Equal("0.0001", metadata.CustomMetadataMap["sccdm.beta_start"]);
        Assert.Equal("0.02", metadata.CustomMetadataMap["sccdm.beta_end"]);
        Assert.Equal("linear", metadata.CustomMetadataMap["sccdm.schedule"]);
        Assert.Equal("32", metadata.CustomMetadataMap["sccdm.image_size"]);
        Assert.Equal("1.0", metadata.CustomMetadataMap["sccdm.psi"]);
        Assert.Equal("test fixture", metadata.CustomMetadataMap["sccdm.training_data"]);
        Assert.Equal("fixture-1", metadata.CustomMetadataMap["sccdm.version"]);
        Assert.Equal(8, metadata.CustomMetadataMap.Count);
    }

    [Fact]
    public void Plain_run_matches_the_fixture_maths()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_denoiser.onnx"));
        var batch = DenoiserBatch.Create();
        using var dt = OrtValue.CreateTensorValueFromMemory(batch.Dt, [2, 1, Size, Size]);
        using var cond = OrtValue.CreateTensorValueFromMemory(batch.Cond, [2, 1, Size, Size]);
        using var t = OrtValue.CreateTensorValueFromMemory(batch.T, [2]);

        var outputs = session.Run(["d_t", "cond", "t"], [dt, cond, t], _denoiserOutputs);
        try
        {
            Assert.Equal([2L, 1, Size, Size], outputs[0].GetTensorShape());
            Assert.Equal([2L, 1, 4, 4], outputs[1].GetTensorShape());
            Assert.Equal([2L, 1, 8, 8], outputs[2].GetTensorShape());
            Assert.Equal([2L, 1, 16, 16], outputs[3].GetTensorShape());
            Assert.Equal(TensorElementType.Float, outputs[0].ElementType);
            batch.AssertMatchesReference(
                outputs[0].GetTensorDataAsSpan<float>(), outputs[1].GetTensorDataAsSpan<float>(),
                outputs[2].GetTensorDataAsSpan<float>(), outputs[3].GetTensorDataAsSpan<float>());
        }
        finally
        {
            foreach (var o in outputs)
            {
                o.Dispose();
            }
        }
    }

    [Fact]
    public void Io_binding_over_caller_owned_memory_equals_plain_run_and_allocates_nothing()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_denoiser.onnx"));
        var batch = DenoiserBatch.Create();

        // Native memory stands in for mapped Vulkan memory: ORT must read and write it in place.
        // Buffers: d_t, cond, eps, attn, feat_0, feat_1 (float counts), then t.
        int[] counts = [2 * Size * Size, 2 * Size * Size, 2 * Size * Size, 2 * 16, 2 * 64, 2 * 256];
        var buffers = counts.Select(n => (nint)NativeMemory.AlignedAlloc((nuint)(n * sizeof(float)), 64)).ToArray();
        var tBuffer = (nint)NativeMemory.AlignedAlloc(2 * sizeof(long), 64);
        try
        {
            batch.Dt.AsSpan().CopyTo(Floats(buffers[0], counts[0]));
            batch.Cond.AsSpan().CopyTo(Floats(buffers[1], counts[1]));
            batch.T.AsSpan().CopyTo(new Span<long>((void*)tBuffer, 2));
            for (int i = 2; i < buffers.Length; i++)
            {
                Floats(buffers[i], counts[i]).Fill(float.NaN);
            }

            var mem = OrtMemoryInfo.Cpu;
            OrtValue Tensor(int i, long[] shape) =>
                OrtValue.CreateTensorValueFromMemory(mem, buffers[i], counts[i] * (long)sizeof(float), shape, TensorElementType.Float);
            using var dt = Tensor(0, [2, 1, Size, Size]);
            using var cond = Tensor(1, [2, 1, Size, Size]);
            using var t = OrtValue.CreateTensorValueFromMemory(mem, tBuffer, 2 * sizeof(long), [2], TensorElementType.Int64);
            using var eps = Tensor(2, [2, 1, Size, Size]);
            using var attn = Tensor(3, [2, 1, 4, 4]);
            using var feat0 = Tensor(4, [2, 1, 8, 8]);
            using var feat1 = Tensor(5, [2, 1, 16, 16]);
            Assert.Equal(buffers[0], dt.GetTensorDataPointer());

            using var binding = session.CreateIoBinding();
            binding.BindInput("d_t", dt);
            binding.BindInput("cond", cond);
            binding.BindInput("t", t);
            binding.BindOutput("eps", eps);
            binding.BindOutput("attn", attn);
            binding.BindOutput("feat_0", feat0);
            binding.BindOutput("feat_1", feat1);

            session.RunWithBinding(binding); // warm-up
            Assert.Equal(0, Allocations.SteadyStateBytes(() => session.RunWithBinding(binding), 20));

            // Results landed in our memory, at our pointers.
            Assert.Equal(buffers[2], eps.GetTensorDataPointer());
            batch.AssertMatchesReference(Floats(buffers[2], counts[2]), Floats(buffers[3], counts[3]),
                Floats(buffers[4], counts[4]), Floats(buffers[5], counts[5]));

            // And they equal the plain run exactly.
            var plain = session.Run(["d_t", "cond", "t"], [dt, cond, t], _denoiserOutputs);
            try
            {
                for (int i = 0; i < plain.Length; i++)
                {
                    Assert.True(plain[i].GetTensorDataAsSpan<float>().SequenceEqual(Floats(buffers[2 + i], counts[2 + i])), _denoiserOutputs[i]);
                }
            }
            finally
            {
                foreach (var o in plain)
                {
                    o.Dispose();
                }
            }
        }
        finally
        {
            foreach (var b in buffers)
            {
                NativeMemory.AlignedFree((void*)b);
            }
            NativeMemory.AlignedFree((void*)tBuffer);
        }
    }

    private static Span<float> Floats(nint address, int count) => new((void*)address, count);

    [Fact]
    public void Outputs_bound_to_device_are_allocated_by_ort()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"));
        var xray = TinyDenoiserReference.Pattern(3);
        using var input = OrtValue.CreateTensorValueFromMemory(xray, [1, 1, Size, Size]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("xray", input);
        binding.BindOutputToDevice("heatmaps", OrtMemoryInfo.Cpu);
        session.RunWithBinding(binding);

        var outputs = binding.GetOutputValues();
        using var heatmaps = Assert.Single(outputs);
        Assert.Equal([1L, 10, 8, 8], heatmaps.GetTensorShape());
        var expected = TinyDenoiserReference.Heatmaps(xray);
        var actual = heatmaps.GetTensorDataAsSpan<float>();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual[i], 0f, 1f);
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }

    [Fact]
    public void Missing_model_file_is_an_ort_error_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), "sccdm-no-such-model.onnx");
        var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(path));
        Assert.Equal(OrtErrorCode.NoSuchFile, e.ErrorCode);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Truncated_model_is_an_invalid_protobuf_error()
    {
        var e = Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(RepoPaths.Fixture("truncated.onnx")));
        Assert.Equal(OrtErrorCode.InvalidProtobuf, e.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
    }

    [Fact]
    public void Unknown_input_name_is_reported_by_ort()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[Size * Size], [1, 1, Size, Size]);
        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(["photo"], [input], ["heatmaps"]));
        Assert.Equal(OrtErrorCode.InvalidArgument, e.ErrorCode);
        Assert.Contains("photo", e.Message);
    }

    [Fact]
    public void Terminated_run_options_stop_the_run()
    {
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[Size * Size], [1, 1, Size, Size]);
        using var options = new RunOptions { Terminate = true, RunTag = "terminated" };
        Assert.Throws<OnnxRuntimeException>(() => session.Run(["xray"], [input], ["heatmaps"], options));
        options.Terminate = false;
        var outputs = session.Run(["xray"], [input], ["heatmaps"], options);
        Assert.Single(outputs).Dispose();
    }

    [Fact]
    public void Too_small_caller_buffer_is_rejected_before_ort_sees_it()
    {
        var buffer = new float[10];
        fixed (float* p = buffer)
        {
            nint address = (nint)p;
            var e = Assert.Throws<ArgumentException>(() =>
                OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.Cpu, address, 40, [1, 1, 4, 4], TensorElementType.Float));
            Assert.Contains("needs 64 bytes", e.Message);
        }
    }

    [Fact]
    public void Span_of_the_wrong_element_type_is_refused()
    {
        using var value = OrtValue.CreateTensorValueFromMemory(new long[] { 1, 2 }, [2]);
        Assert.Equal(TensorElementType.Int64, value.ElementType);
        Assert.Equal([1L, 2], value.GetTensorDataAsSpan<long>().ToArray());
        Assert.Throws<InvalidOperationException>(() => value.GetTensorDataAsSpan<float>().Length);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_use_after_dispose_throws()
    {
        var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"));
        session.Dispose();
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.CreateIoBinding());
        using var options = new SessionOptions();
        options.Dispose();
        Assert.Throws<ObjectDisposedException>(() => options.IntraOpNumThreads = 1);
    }

    [Fact]
    public void Session_options_apply_threads_and_optimization()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.Basic };
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"), options);
        Assert.Equal(1, options.IntraOpNumThreads);
        Assert.Equal(GraphOptimizationLevel.Basic, options.GraphOptimizationLevel);
    }

    [Fact]
    public void Session_config_entries_reach_ort()
    {
        // An entry ORT acts on visibly: told that the file is in ORT format, it refuses the .onnx fixture.
        using (var ortFormat = new SessionOptions())
        {
            ortFormat.AddConfigEntry("session.load_model_format", "ORT");
            Assert.Throws<OnnxRuntimeException>(() => new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"), ortFormat));
        }

        using var options = new SessionOptions { IntraOpSpinning = false };
        options.AddConfigEntry("session.load_model_format", "ONNX");
        Assert.False(options.IntraOpSpinning);
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"), options);
        Assert.Single(session.OutputNames);
    }

    [Fact]
    public void Cuda_provider_fails_here_with_orts_message_and_options_stay_usable_for_cpu()
    {
        using var options = new SessionOptions();
        bool appended = options.TryAppendExecutionProvider_CUDA(0, out string? error);
        if (appended)
        {
            // A CUDA-capable ORT and GPU: nothing to check about the failure path.
            return;
        }
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains("Failed to load shared library", error);
        Assert.Empty(options.AppendedExecutionProviders);
        using var session = new InferenceSession(RepoPaths.Fixture("tiny_keypoints.onnx"), options);
        Assert.Single(session.OutputNames);
    }
}
