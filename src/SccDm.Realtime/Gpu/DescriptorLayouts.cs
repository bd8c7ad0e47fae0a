using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>Builds the descriptor set layout shared by kernels and the renderer: storage buffers at bindings 0..N-1.</summary>
internal static unsafe class DescriptorLayouts
{
    public static DescriptorSetLayout CreateStorageBuffers(GpuDevice device, int count, ShaderStageFlags stages)
    {
        var bindings = stackalloc DescriptorSetLayoutBinding[Math.Max(1, count)];
        for (var i = 0; i < count; i++)
        {
            bindings[i] = new DescriptorSetLayoutBinding
            {
                Binding = (uint)i,
                DescriptorType = DescriptorType.StorageBuffer,
                DescriptorCount = 1,
                StageFlags = stages,
            };
        }

        var info = new DescriptorSetLayoutCreateInfo { BindingCount = (uint)count, PBindings = bindings };
        device.Vk.CreateDescriptorSetLayout(device.Device, in info, null, out var layout).Check("vkCreateDescriptorSetLayout");
        return layout;
    }

    public static PipelineLayout CreatePipelineLayout(GpuDevice device, DescriptorSetLayout setLayout, int pushConstantSize, ShaderStageFlags stages)
    {
        var range = new PushConstantRange { StageFlags = stages, Offset = 0, Size = (uint)pushConstantSize };
        var info = new PipelineLayoutCreateInfo
        {
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
            PushConstantRangeCount = pushConstantSize > 0 ? 1u : 0u,
            PPushConstantRanges = pushConstantSize > 0 ? &range : null,
        };
        device.Vk.CreatePipelineLayout(device.Device, in info, null, out var layout).Check("vkCreatePipelineLayout");
        return layout;
    }
}
