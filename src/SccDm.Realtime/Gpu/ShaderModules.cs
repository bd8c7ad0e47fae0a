using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>Creates VkShaderModules from embedded SPIR-V.</summary>
internal static unsafe class ShaderModules
{
    public static ShaderModule Create(GpuDevice device, string shaderName)
    {
        var code = ShaderLibrary.Load(shaderName);
        if (code.Length == 0 || code.Length % 4 != 0)
        {
            throw new InvalidDataException($"{shaderName}: SPIR-V size {code.Length} is not a positive multiple of 4");
        }

        // Managed arrays are 8-byte aligned on 64-bit, which satisfies pCode's uint32_t alignment.
        fixed (byte* p = code)
        {
            var info = new ShaderModuleCreateInfo { CodeSize = (nuint)code.Length, PCode = (uint*)p };
            device.Vk.CreateShaderModule(device.Device, in info, null, out var module).Check("vkCreateShaderModule");
            return module;
        }
    }
}
