/*
 * The C sample host of libsccdm_realtime.so: an "engine" that creates its own Vulkan instance (with the Khronos
 * validation layer) and device, hands the handles to the renderer, pushes raw RGBA camera frames, reads every
 * result image back on the shared queue (holding the renderer's queue lock) and writes it as a PNG. It also checks
 * that bad calls return a status instead of crashing. Built and run by CHostTests; usable by hand:
 *
 *   gcc -std=c11 -O2 -Wall -Wextra -Werror -I src/SccDm.Realtime.Interop/include sccdm_host.c -o sccdm_host \
 *       -L artifacts/native -lsccdm_realtime -Wl,-rpath,artifacts/native -lvulkan -lpng -lpthread
 *   ./sccdm_host DENOISER.onnx KEYPOINTS.onnx FRAMES_DIR COUNT WIDTH HEIGHT OUT_PREFIX
 *
 * FRAMES_DIR holds frame_0.rgba … (WIDTH*HEIGHT*4 bytes each). Writes OUT_PREFIX_0.png …, prints one line per frame
 * ("frame i id=… calls=… kcc=… hva=… ima=… latency_ms=…"), and exits 0 only if every check passed and the
 * validation layer said nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sccdm_realtime.h"

static int g_failures = 0;
static int g_validation_messages = 0;

#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "check failed (%s:%d): ", __FILE__, __LINE__);               \
            fprintf(stderr, __VA_ARGS__);                                                \
            fprintf(stderr, "\n");                                                       \
            g_failures++;                                                                \
        }                                                                                \
    } while (0)

#define VK_OK(call)                                                                      \
    do {                                                                                 \
        VkResult r_ = (call);                                                            \
        if (r_ != VK_SUCCESS) {                                                          \
            fprintf(stderr, "%s failed: %d\n", #call, (int)r_);                          \
            exit(3);                                                                     \
        }                                                                                \
    } while (0)

static VKAPI_ATTR VkBool32 VKAPI_CALL on_validation(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                    VkDebugUtilsMessageTypeFlagsEXT type,
                                                    const VkDebugUtilsMessengerCallbackDataEXT *data, void *user) {
    (void)type;
    (void)user;
    if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        fprintf(stderr, "validation: %s\n", data->pMessage);
        g_validation_messages++;
    }
    return VK_FALSE;
}

typedef struct engine {
    VkInstance instance;
    VkDebugUtilsMessengerEXT messenger;
    VkPhysicalDevice physical;
    VkDevice device;
    uint32_t family;
    VkQueue queue;
    VkCommandPool pool;
    VkCommandBuffer cmd;
    VkFence fence;
} engine;

static void engine_create(engine *e) {
    memset(e, 0, sizeof *e);
    const char *layers[] = {"VK_LAYER_KHRONOS_validation"};
    const char *extensions[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
    VkApplicationInfo app = {.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO, .pApplicationName = "sccdm C host",
                             .apiVersion = VK_API_VERSION_1_3};
    VkDebugUtilsMessengerCreateInfoEXT messenger = {
        .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
        .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT,
        .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT,
        .pfnUserCallback = on_validation};
    VkInstanceCreateInfo info = {.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO, .pNext = &messenger,
                                 .pApplicationInfo = &app, .enabledLayerCount = 1, .ppEnabledLayerNames = layers,
                                 .enabledExtensionCount = 1, .ppEnabledExtensionNames = extensions};
    VK_OK(vkCreateInstance(&info, NULL, &e->instance));
    PFN_vkCreateDebugUtilsMessengerEXT create_messenger =
        (PFN_vkCreateDebugUtilsMessengerEXT)vkGetInstanceProcAddr(e->instance, "vkCreateDebugUtilsMessengerEXT");
    VK_OK(create_messenger(e->instance, &messenger, NULL, &e->messenger));

    uint32_t count = 1;
    VkResult enumerated = vkEnumeratePhysicalDevices(e->instance, &count, &e->physical);
    if ((enumerated != VK_SUCCESS && enumerated != VK_INCOMPLETE) || count == 0) {
        fprintf(stderr, "no Vulkan device (install mesa-vulkan-drivers)\n");
        exit(3);
    }
    uint32_t families = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(e->physical, &families, NULL);
    VkQueueFamilyProperties props[16];
    if (families > 16) families = 16;
    vkGetPhysicalDeviceQueueFamilyProperties(e->physical, &families, props);
    e->family = UINT32_MAX;
    for (uint32_t i = 0; i < families; i++) {
        if (props[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            e->family = i;
            break;
        }
    }
    if (e->family == UINT32_MAX) {
        fprintf(stderr, "no compute queue family\n");
        exit(3);
    }

    float priority = 1.0f;
    VkDeviceQueueCreateInfo queue = {.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO, .queueFamilyIndex = e->family,
                                     .queueCount = 1, .pQueuePriorities = &priority};
    /* The renderer's shaders declare workgroup sizes with LocalSizeId: maintenance4 is required. */
    VkPhysicalDeviceVulkan13Features features13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
                                                   .maintenance4 = VK_TRUE};
    VkDeviceCreateInfo device = {.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, .pNext = &features13,
                                 .queueCreateInfoCount = 1, .pQueueCreateInfos = &queue};
    VK_OK(vkCreateDevice(e->physical, &device, NULL, &e->device));
    vkGetDeviceQueue(e->device, e->family, 0, &e->queue);

    VkCommandPoolCreateInfo pool = {.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                    .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
                                    .queueFamilyIndex = e->family};
    VK_OK(vkCreateCommandPool(e->device, &pool, NULL, &e->pool));
    VkCommandBufferAllocateInfo alloc = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO, .commandPool = e->pool,
                                         .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY, .commandBufferCount = 1};
    VK_OK(vkAllocateCommandBuffers(e->device, &alloc, &e->cmd));
    VkFenceCreateInfo fence = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VK_OK(vkCreateFence(e->device, &fence, NULL, &e->fence));
}

static void engine_destroy(engine *e) {
    vkDeviceWaitIdle(e->device);
    vkDestroyFence(e->device, e->fence, NULL);
    vkDestroyCommandPool(e->device, e->pool, NULL);
    vkDestroyDevice(e->device, NULL);
    PFN_vkDestroyDebugUtilsMessengerEXT destroy_messenger =
        (PFN_vkDestroyDebugUtilsMessengerEXT)vkGetInstanceProcAddr(e->instance, "vkDestroyDebugUtilsMessengerEXT");
    destroy_messenger(e->instance, e->messenger, NULL);
    vkDestroyInstance(e->instance, NULL);
}

static uint32_t find_memory(engine *e, uint32_t bits, VkMemoryPropertyFlags flags) {
    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(e->physical, &memory);
    for (uint32_t i = 0; i < memory.memoryTypeCount; i++) {
        if ((bits & (1u << i)) && (memory.memoryTypes[i].propertyFlags & flags) == flags) return i;
    }
    fprintf(stderr, "no host-visible memory\n");
    exit(3);
}

/* Waits on the result's fence, copies its image into a host-visible buffer on the shared queue, writes a PNG. */
static void write_result_png(engine *e, sccdm_renderer *renderer, const sccdm_result *result, const char *path) {
    VK_OK(vkWaitForFences(e->device, 1, &result->fence, VK_TRUE, UINT64_MAX));
    VkDeviceSize size = (VkDeviceSize)result->width * result->height * 4;
    VkBufferCreateInfo info = {.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, .size = size,
                               .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT, .sharingMode = VK_SHARING_MODE_EXCLUSIVE};
    VkBuffer buffer;
    VK_OK(vkCreateBuffer(e->device, &info, NULL, &buffer));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(e->device, buffer, &req);
    VkMemoryAllocateInfo alloc = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = req.size,
                                  .memoryTypeIndex = find_memory(e, req.memoryTypeBits,
                                                                 VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)};
    VkDeviceMemory memory;
    VK_OK(vkAllocateMemory(e->device, &alloc, NULL, &memory));
    VK_OK(vkBindBufferMemory(e->device, buffer, memory, 0));

    VkCommandBufferBeginInfo begin = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
                                      .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT};
    VK_OK(vkResetCommandBuffer(e->cmd, 0));
    VK_OK(vkBeginCommandBuffer(e->cmd, &begin));
    VkImageMemoryBarrier to_source = {.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
                                      .dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT,
                                      .oldLayout = result->layout,
                                      .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                      .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                      .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                      .image = result->image,
                                      .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1}};
    vkCmdPipelineBarrier(e->cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, NULL, 0, NULL,
                         1, &to_source);
    VkBufferImageCopy region = {.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
                                .imageExtent = {result->width, result->height, 1}};
    vkCmdCopyImageToBuffer(e->cmd, result->image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
    VkBufferMemoryBarrier to_host = {.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER,
                                     .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
                                     .dstAccessMask = VK_ACCESS_HOST_READ_BIT,
                                     .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                     .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
                                     .buffer = buffer,
                                     .size = VK_WHOLE_SIZE};
    vkCmdPipelineBarrier(e->cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 0, NULL, 1, &to_host, 0,
                         NULL);
    VK_OK(vkEndCommandBuffer(e->cmd));
    VkSubmitInfo submit = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &e->cmd};
    /* The renderer submits to this queue from its own thread: hold its queue lock around ours. */
    CHECK(sccdm_lock_queue(renderer) == SCCDM_OK, "lock_queue: %s", sccdm_last_error());
    VK_OK(vkQueueSubmit(e->queue, 1, &submit, e->fence));
    CHECK(sccdm_unlock_queue(renderer) == SCCDM_OK, "unlock_queue: %s", sccdm_last_error());
    VK_OK(vkWaitForFences(e->device, 1, &e->fence, VK_TRUE, UINT64_MAX));
    VK_OK(vkResetFences(e->device, 1, &e->fence));

    void *pixels;
    VK_OK(vkMapMemory(e->device, memory, 0, size, 0, &pixels));
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = result->width;
    png.height = result->height;
    png.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&png, path, 0, pixels, 0, NULL)) {
        fprintf(stderr, "cannot write %s: %s\n", path, png.message);
        g_failures++;
    }
    vkUnmapMemory(e->device, memory);
    vkDestroyBuffer(e->device, buffer, NULL);
    vkFreeMemory(e->device, memory, NULL);
}

static unsigned char *read_frame(const char *dir, int index, size_t bytes) {
    char path[4096];
    snprintf(path, sizeof path, "%s/frame_%d.rgba", dir, index);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(5);
    }
    unsigned char *pixels = malloc(bytes);
    size_t got = fread(pixels, 1, bytes, f);
    fclose(f);
    if (got != bytes) {
        fprintf(stderr, "%s holds %zu bytes, expected %zu\n", path, got, bytes);
        exit(5);
    }
    return pixels;
}

typedef struct push_args {
    sccdm_renderer *renderer;
    const unsigned char *pixels;
    uint32_t width, height;
    sccdm_status status, acquire_status;
    char message[512]; /* sccdm_last_error is per thread: the other thread reads its own */
} push_args;

static void *push_from_other_thread(void *p) {
    push_args *a = p;
    a->status = sccdm_push_frame(a->renderer, a->pixels, a->width, a->height, 0);
    snprintf(a->message, sizeof a->message, "%s", sccdm_last_error());
    sccdm_result result;
    a->acquire_status = sccdm_acquire_result(a->renderer, 0, &result);
    return NULL;
}

/* Every entry point that takes a renderer, called with `renderer`: each must return `expected` and leave a message
   containing `text`. Returns how many did not. */
static int check_every_call(sccdm_renderer *renderer, sccdm_status expected, const char *text, const char *what) {
    const unsigned char pixel[4] = {0};
    sccdm_result result;
    sccdm_measurements m;
    sccdm_synthesis_counts counts;
    sccdm_sampler_options sampler = {.steps = 4};
    /* One statement each: the calls of an initializer list are not sequenced, and destroy must come last. */
    sccdm_status got[10];
    got[0] = sccdm_push_frame(renderer, pixel, 1, 1, 0);
    got[1] = sccdm_push_frame_image(renderer, (VkImage)(uintptr_t)0x1234, 0, VK_IMAGE_LAYOUT_GENERAL, 64, 48, VK_NULL_HANDLE);
    got[2] = sccdm_acquire_result(renderer, 0, &result);
    got[3] = sccdm_release_result(renderer);
    got[4] = sccdm_get_measurements(renderer, &m);
    got[5] = sccdm_set_sampler_options(renderer, &sampler);
    got[6] = sccdm_lock_queue(renderer);
    got[7] = sccdm_unlock_queue(renderer);
    got[8] = sccdm_get_synthesis_counts(renderer, &counts);
    got[9] = sccdm_destroy(renderer);
    static const char *names[10] = {"push_frame", "push_frame_image", "acquire_result", "release_result",
                                    "get_measurements", "set_sampler_options", "lock_queue", "unlock_queue",
                                    "get_synthesis_counts", "destroy"};
    int bad = 0;
    for (int i = 0; i < 10; i++) {
        if (got[i] != expected) {
            fprintf(stderr, "%s on %s returned %d, expected %d\n", names[i], what, (int)got[i], (int)expected);
            bad++;
        }
    }
    /* The message of the last call (each call sets its own). */
    if (strstr(sccdm_last_error(), text) == NULL) {
        fprintf(stderr, "%s: message '%s' lacks '%s'\n", what, sccdm_last_error(), text);
        bad++;
    }
    printf("every call on %s: %s\n", what, bad == 0 ? "refused" : "NOT refused");
    return bad;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: %s DENOISER.onnx KEYPOINTS.onnx FRAMES_DIR COUNT WIDTH HEIGHT OUT_PREFIX\n", argv[0]);
        return 2;
    }
    const char *denoiser = argv[1], *keypoints = argv[2], *frames = argv[3], *prefix = argv[7];
    int count = atoi(argv[4]);
    uint32_t width = (uint32_t)atoi(argv[5]), height = (uint32_t)atoi(argv[6]);
    size_t frame_bytes = (size_t)width * height * 4;

    /* The managed side checks these against its own struct definitions. */
    printf("sizes create_options=%zu result=%zu measurements=%zu sampler=%zu vulkan=%zu counts=%zu\n",
           sizeof(sccdm_create_options), sizeof(sccdm_result), sizeof(sccdm_measurements), sizeof(sccdm_sampler_options),
           sizeof(sccdm_vulkan), sizeof(sccdm_synthesis_counts));

    engine e;
    engine_create(&e);

    /* Bad calls return a status and a message; none crashes. */
    sccdm_renderer *renderer = NULL;
    CHECK(sccdm_create(NULL, &renderer) == SCCDM_ERROR_INVALID_ARGUMENT, "create(NULL options)");
    CHECK(strlen(sccdm_last_error()) > 0, "create(NULL) left no message");
    sccdm_vulkan vulkan = {e.instance, e.physical, e.device, e.family, 0};
    sccdm_create_options options = {.struct_size = sizeof options, .output = SCCDM_OUTPUT_XRAY,
                                    .denoiser_model_path = denoiser, .keypoint_model_path = keypoints,
                                    .vulkan = &vulkan, .threads = 2,
                                    .sampler = {.steps = 4, .variant = SCCDM_VARIANT_PAPER, .warm_start = 0,
                                                .similarity_threshold = 0.0f, .seed = 0}};
    sccdm_vulkan bad_family = vulkan;
    bad_family.queue_family_index = 99;
    options.vulkan = &bad_family;
    CHECK(sccdm_create(&options, &renderer) == SCCDM_ERROR_INVALID_ARGUMENT && renderer == NULL,
          "create with queue family 99: %s", sccdm_last_error());
    printf("bad queue family: %s\n", sccdm_last_error());
    sccdm_vulkan bad_device = vulkan;
    bad_device.device = (VkDevice)(uintptr_t)0x10;
    options.vulkan = &bad_device;
    CHECK(sccdm_create(&options, &renderer) == SCCDM_ERROR_INVALID_ARGUMENT, "create with device 0x10: %s",
          sccdm_last_error());
    printf("foreign device: %s\n", sccdm_last_error());
    CHECK(sccdm_push_frame(NULL, NULL, width, height, 0) == SCCDM_ERROR_INVALID_HANDLE, "push to NULL renderer");
    CHECK(sccdm_release_result((sccdm_renderer *)(uintptr_t)0xdeadbeef) == SCCDM_ERROR_INVALID_HANDLE,
          "release on a made-up handle");
    g_failures += check_every_call(NULL, SCCDM_ERROR_INVALID_HANDLE, "renderer is NULL", "the NULL handle");
    g_failures += check_every_call((sccdm_renderer *)(uintptr_t)0xdeadbeef, SCCDM_ERROR_INVALID_HANDLE, "is not a renderer",
                                   "a made-up handle");

    options.vulkan = &vulkan;
    sccdm_status created = sccdm_create(&options, &renderer);
    if (created != SCCDM_OK) {
        fprintf(stderr, "sccdm_create: %d %s\n", (int)created, sccdm_last_error());
        engine_destroy(&e);
        return 4;
    }

    unsigned char *pixels = NULL;
    for (int i = 0; i < count; i++) {
        free(pixels);
        pixels = read_frame(frames, i, frame_bytes);
        CHECK(sccdm_push_frame(renderer, pixels, width, height, 0) == SCCDM_OK, "push %d: %s", i, sccdm_last_error());
        sccdm_result result;
        sccdm_status acquired = sccdm_acquire_result(renderer, 120000, &result);
        if (acquired != SCCDM_OK) {
            fprintf(stderr, "acquire %d: %d %s\n", i, (int)acquired, sccdm_last_error());
            g_failures++;
            break;
        }
        CHECK(sccdm_acquire_result(renderer, 0, &result) == SCCDM_ERROR_INVALID_STATE, "acquire while holding one");
        sccdm_measurements m;
        CHECK(sccdm_get_measurements(renderer, &m) == SCCDM_OK, "measurements: %s", sccdm_last_error());
        printf("frame %d id=%llu calls=%u kcc=%.4f hva=%.2f ima=%.2f angles=%d latency_ms=%.1f size=%ux%u\n", i,
               (unsigned long long)m.frame_id, m.network_calls, m.kcc, m.hva_degrees, m.ima_degrees, m.has_angles,
               m.latency_ns / 1e6, result.width, result.height);
        char path[4096];
        snprintf(path, sizeof path, "%s_%d.png", prefix, i);
        write_result_png(&e, renderer, &result, path);
        CHECK(sccdm_release_result(renderer) == SCCDM_OK, "release %d: %s", i, sccdm_last_error());
    }
    CHECK(sccdm_release_result(renderer) == SCCDM_ERROR_INVALID_STATE, "release without a held result");

    /* Every frame pushed and acquired above was processed once: as a cold or warm sample or a reuse, and the filter
       put it in one band. */
    sccdm_synthesis_counts counts;
    CHECK(sccdm_get_synthesis_counts(renderer, NULL) == SCCDM_ERROR_INVALID_ARGUMENT, "counts(NULL)");
    CHECK(sccdm_get_synthesis_counts(renderer, &counts) == SCCDM_OK, "counts: %s", sccdm_last_error());
    uint64_t processed = counts.cold_samples + counts.warm_samples + counts.reused;
    CHECK(processed == (uint64_t)count, "counts: %llu frames processed, %d pushed", (unsigned long long)processed, count);
    CHECK(counts.new_frames + counts.moderate_frames + counts.unchanged_frames == processed, "counts: bands do not add up");
    CHECK(counts.cold_samples >= 1, "counts: the first frame is sampled from noise");
    printf("counts new=%llu moderate=%llu unchanged=%llu cold=%llu warm=%llu reused=%llu\n",
           (unsigned long long)counts.new_frames, (unsigned long long)counts.moderate_frames,
           (unsigned long long)counts.unchanged_frames, (unsigned long long)counts.cold_samples,
           (unsigned long long)counts.warm_samples, (unsigned long long)counts.reused);

    /* The producer and the consumer are this thread now: a push or an acquire from another thread is refused. */
    push_args args = {renderer, pixels, width, height, SCCDM_OK, SCCDM_OK, ""};
    pthread_t thread;
    pthread_create(&thread, NULL, push_from_other_thread, &args);
    pthread_join(thread, NULL);
    CHECK(args.status == SCCDM_ERROR_WRONG_THREAD, "push from another thread returned %d", (int)args.status);
    CHECK(args.acquire_status == SCCDM_ERROR_WRONG_THREAD, "acquire from another thread returned %d", (int)args.acquire_status);
    printf("push from another thread: %s\n", args.message);

    sccdm_sampler_options bad_steps = {.steps = 5000};
    CHECK(sccdm_set_sampler_options(renderer, &bad_steps) == SCCDM_ERROR_INVALID_ARGUMENT, "steps 5000");
    CHECK(sccdm_destroy(renderer) == SCCDM_OK, "destroy: %s", sccdm_last_error());
    CHECK(sccdm_push_frame(renderer, pixels, width, height, 0) == SCCDM_ERROR_DESTROYED, "push after destroy");
    CHECK(sccdm_destroy(renderer) == SCCDM_ERROR_DESTROYED, "destroy twice");
    printf("after destroy: %s\n", sccdm_last_error());
    g_failures += check_every_call(renderer, SCCDM_ERROR_DESTROYED, "was destroyed", "a destroyed renderer");
    free(pixels);

    engine_destroy(&e);
    printf("checks failed: %d, validation messages: %d\n", g_failures, g_validation_messages);
    return g_failures == 0 && g_validation_messages == 0 ? 0 : 1;
}
