using SccDm.Realtime.Native.Vulkan;

namespace SccDm.Realtime.Gpu;

/// <summary>Builds a graphics pipeline that draws shaders/fullscreen.vert plus one fragment shader into one colour format (dynamic rendering, dynamic viewport and scissor).</summary>
internal static unsafe class FullscreenPipeline
{
    public static Pipeline Create(GpuDevice device, PipelineLayout layout, string fragmentShader, Format colorFormat)
    {
        var vk = device.Vk;
        var vertex = ShaderModules.Create(device, "fullscreen.vert");
        ShaderModule fragment = default;
        try
        {
            fragment = ShaderModules.Create(device, fragmentShader);
            fixed (byte* entry = "main\0"u8)
            {
                var stages = stackalloc PipelineShaderStageCreateInfo[2];
                stages[0] = new PipelineShaderStageCreateInfo { Stage = ShaderStageFlags.VertexBit, Module = vertex, PName = entry };
                stages[1] = new PipelineShaderStageCreateInfo { Stage = ShaderStageFlags.FragmentBit, Module = fragment, PName = entry };
                var vertexInput = new PipelineVertexInputStateCreateInfo();
                var inputAssembly = new PipelineInputAssemblyStateCreateInfo { Topology = PrimitiveTopology.TriangleList };
                var viewportState = new PipelineViewportStateCreateInfo { ViewportCount = 1, ScissorCount = 1 };
                var raster = new PipelineRasterizationStateCreateInfo
                {
                    PolygonMode = PolygonMode.Fill,
                    CullMode = CullModeFlags.None,
                    FrontFace = FrontFace.CounterClockwise,
                    LineWidth = 1.0f,
                };
                var multisample = new PipelineMultisampleStateCreateInfo { RasterizationSamples = SampleCountFlags.Count1Bit };
                var blendAttachment = new PipelineColorBlendAttachmentState
                {
                    BlendEnable = false,
                    ColorWriteMask = ColorComponentFlags.RBit | ColorComponentFlags.GBit | ColorComponentFlags.BBit | ColorComponentFlags.ABit,
                };
                var blend = new PipelineColorBlendStateCreateInfo { AttachmentCount = 1, PAttachments = &blendAttachment };
                var dynamicStates = stackalloc DynamicState[2] { DynamicState.Viewport, DynamicState.Scissor };
                var dynamic = new PipelineDynamicStateCreateInfo { DynamicStateCount = 2, PDynamicStates = dynamicStates };
                var format = colorFormat;
                var rendering = new PipelineRenderingCreateInfo { ColorAttachmentCount = 1, PColorAttachmentFormats = &format };
                var info = new GraphicsPipelineCreateInfo
                {
                    PNext = &rendering,
                    StageCount = 2,
                    PStages = stages,
                    PVertexInputState = &vertexInput,
                    PInputAssemblyState = &inputAssembly,
                    PViewportState = &viewportState,
                    PRasterizationState = &raster,
                    PMultisampleState = &multisample,
                    PColorBlendState = &blend,
                    PDynamicState = &dynamic,
                    Layout = layout,
                };
                Pipeline pipeline;
                vk.CreateGraphicsPipelines(device.Device, default, 1, &info, null, &pipeline).Check("vkCreateGraphicsPipelines");
                return pipeline;
            }
        }
        finally
        {
            if (!fragment.IsNull)
            {
                vk.DestroyShaderModule(device.Device, fragment, null);
            }

            vk.DestroyShaderModule(device.Device, vertex, null);
        }
    }
}
