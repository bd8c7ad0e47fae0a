/*
 * sccdm_realtime.h: the C ABI of SccDm.Realtime, the synthetic-radiography renderer, for embedding in another
 * engine. Link libsccdm_realtime.so (NativeAOT, no .NET install needed) and libvulkan.
 *
 * The engine pushes camera frames and acquires results: a VkImage (the synthetic X-ray, or the composed view with
 * the keypoint skeleton) plus a VkFence to wait on, and the keypoints, KCC and hallux-valgus angles as plain data.
 * The renderer never presents and never owns a window. The output is synthetic and NOT for diagnosis.
 *
 * Status codes: every function returns an sccdm_status (sccdm_last_error returns the message that goes with it).
 * No exception or signal crosses this boundary; a bad argument returns a status and never crashes, with one limit:
 * a Vulkan handle that still points at readable memory but is not what it claims (destroyed, or another kind of
 * object) cannot be detected, and the Vulkan loader may abort on it.
 *
 * Threading:
 *   - sccdm_push_frame / sccdm_push_frame_image: from one thread (the producer: the thread of the first push).
 *   - sccdm_acquire_result / sccdm_release_result: from one thread (the consumer: the thread of the first
 *     acquire; it may be the producer).
 *   - sccdm_get_measurements (while a result is held), sccdm_get_synthesis_counts, sccdm_set_sampler_options,
 *     sccdm_lock_queue / sccdm_unlock_queue (same thread for a pair), sccdm_last_error (per thread): any thread.
 *   - sccdm_destroy: any thread, once; a call in progress on another thread finishes first. Any later call with
 *     the handle returns SCCDM_ERROR_DESTROYED.
 *   A call from another thread returns SCCDM_ERROR_WRONG_THREAD.
 *
 * Lifetime: hold at most one result. Acquire, wait on its fence, use the image, release it once your GPU work
 * reading it has finished (the renderer may overwrite it any time after), acquire the next. Destroy the renderer
 * before the Vulkan device you handed over; it destroys none of your objects.
 *
 * Queue: the renderer submits to the queue you hand over from its own thread. If your engine submits to the same
 * queue, call sccdm_lock_queue / sccdm_unlock_queue around your vkQueueSubmit / vkQueuePresentKHR.
 *
 * Your Vulkan device: Vulkan 1.3, created with VkPhysicalDeviceVulkan13Features.maintenance4 enabled, the queue
 * family supporting compute.
 */
#ifndef SCCDM_REALTIME_H
#define SCCDM_REALTIME_H

#include <stdint.h>
#include <vulkan/vulkan.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sccdm_status {
    SCCDM_OK = 0,
    SCCDM_NOT_READY = 1,                 /* no new result within the timeout; not an error */
    SCCDM_ERROR_INVALID_ARGUMENT = -1,   /* null pointer, out of range, handles that do not belong together */
    SCCDM_ERROR_INVALID_HANDLE = -2,     /* the renderer pointer is null or was never returned by sccdm_create */
    SCCDM_ERROR_WRONG_THREAD = -3,       /* see Threading above */
    SCCDM_ERROR_INVALID_STATE = -4,      /* acquire while holding a result, release without one */
    SCCDM_ERROR_VULKAN = -5,             /* no loader or device, device older than 1.3, device lost */
    SCCDM_ERROR_MODEL = -6,              /* model file missing, unreadable, or breaking the contract */
    SCCDM_ERROR_DEPENDENCY = -7,         /* ONNX Runtime, FreeType or the font missing */
    SCCDM_ERROR_SYNTHESIS_FAILED = -8,   /* the synthesis thread stopped; destroy and create again */
    SCCDM_ERROR_INTERNAL = -9,           /* a bug: the message says where */
    SCCDM_ERROR_DESTROYED = -10          /* the renderer was destroyed */
} sccdm_status;

typedef enum sccdm_output {
    SCCDM_OUTPUT_XRAY = 0,      /* the X-ray alone, gray RGBA8, model size (128x128 for the shipped model) */
    SCCDM_OUTPUT_COMPOSED = 1,  /* 4x the X-ray with the skeleton and the "not for diagnosis" line */
    SCCDM_OUTPUT_NONE = 2       /* no image (result image and fence are VK_NULL_HANDLE): the measurements only */
} sccdm_output;

typedef enum sccdm_variant {
    SCCDM_VARIANT_PAPER = 0,    /* one network pass per step */
    SCCDM_VARIANT_SAG = 1       /* self-attention guidance: two passes per step */
} sccdm_variant;

typedef enum sccdm_image_format {
    SCCDM_IMAGE_RGBA8 = 0,      /* VK_FORMAT_R8G8B8A8_UNORM / _SRGB */
    SCCDM_IMAGE_BGRA8 = 1       /* VK_FORMAT_B8G8R8A8_UNORM / _SRGB */
} sccdm_image_format;

typedef struct sccdm_renderer sccdm_renderer; /* opaque */

/* The host's Vulkan objects; the renderer uses them and destroys none. */
typedef struct sccdm_vulkan {
    VkInstance instance;
    VkPhysicalDevice physical_device;
    VkDevice device;
    uint32_t queue_family_index; /* must support compute */
    uint32_t queue_index;        /* requested at device creation */
} sccdm_vulkan;

typedef struct sccdm_sampler_options {
    uint32_t steps;               /* DDIM steps, 1..T; 0 = default (2) */
    uint32_t variant;             /* sccdm_variant */
    int32_t warm_start;           /* nonzero: a frame that moved a little starts from the last result at steps/2 */
    float similarity_threshold;   /* below this thumbnail difference (gray levels) the last result is reused;
                                     0 = sample every frame; negative = default (0.6) */
    uint64_t seed;                /* noise seed; 0 = default. Same frames + seed = same images */
} sccdm_sampler_options;

typedef struct sccdm_create_options {
    uint32_t struct_size;              /* sizeof(sccdm_create_options) */
    uint32_t output;                   /* sccdm_output */
    const char *denoiser_model_path;   /* required, e.g. models/sccdm_kiosk.onnx */
    const char *keypoint_model_path;   /* NULL: no keypoints, KCC or angles */
    const char *onnxruntime_path;      /* libonnxruntime.so.1 or its folder; NULL: SCCDM_ORT_PATH, then the default search */
    const sccdm_vulkan *vulkan;        /* NULL: the renderer creates (and destroys) its own instance and device */
    int32_t enable_validation;         /* own device only: Khronos validation layer */
    uint32_t threads;                  /* ONNX Runtime intra-op threads; 0 = ONNX Runtime chooses */
    sccdm_sampler_options sampler;
} sccdm_create_options;

typedef struct sccdm_result {
    VkImage image;               /* R8G8B8A8_UNORM, owned by the renderer: never destroy it */
    VkFence fence;               /* wait on it before reading the image; never reset it */
    uint32_t width;
    uint32_t height;
    VkFormat format;             /* VK_FORMAT_R8G8B8A8_UNORM */
    VkImageLayout layout;        /* VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL; you may transition it */
    uint64_t frame_id;           /* push order, from 0 */
    int32_t reused;              /* nonzero: nearly the same frame as the last sampled one, result reused */
    uint32_t network_calls;      /* network passes for this frame (0 when reused) */
} sccdm_result;

#define SCCDM_KEYPOINT_COUNT 10

typedef struct sccdm_keypoint {
    float x, y;                  /* X-ray pixel coordinates (0..xray_size) */
    float confidence;            /* 0..1 */
} sccdm_keypoint;

typedef struct sccdm_measurements {
    uint64_t frame_id;
    int32_t has_keypoints;       /* zero when no keypoint model was given */
    float kcc;                   /* Keypoint Confidence-Completeness; angles are meaningful from 0.75 */
    sccdm_keypoint keypoints[SCCDM_KEYPOINT_COUNT]; /* mt1_base, mt1_head, pp1_base, pp1_head, hallux_tip,
                                                       mt2_base, mt2_head, mt5_base, mt5_head, heel */
    int32_t has_angles;
    int32_t reused;
    double hva_degrees;          /* hallux valgus angle */
    double ima_degrees;          /* first-second intermetatarsal angle */
    uint32_t network_calls;
    uint32_t xray_size;          /* side of the X-ray the keypoints refer to */
    uint64_t latency_ns;         /* from the push of this frame to its result being complete */
} sccdm_measurements;

/* What the renderer did with the frames pushed so far. Each frame counts once in the first three (how the
   similarity filter saw it) and once in the last three (what ran); cold + warm + reused = frames processed. */
typedef struct sccdm_synthesis_counts {
    uint64_t new_frames;         /* changed a lot: sampled from noise */
    uint64_t moderate_frames;    /* moved a little: warm-started when warm_start is on */
    uint64_t unchanged_frames;   /* nearly the same as the last sampled frame */
    uint64_t cold_samples;       /* sampled from noise, all steps */
    uint64_t warm_samples;       /* sampled from the previous result, the second half of the steps */
    uint64_t reused;             /* the previous result reused, no network pass */
} sccdm_synthesis_counts;

/* Creates a renderer (checks the handles, opens the models, starts the synthesis thread). */
sccdm_status sccdm_create(const sccdm_create_options *options, sccdm_renderer **out_renderer);

/* Stops it, waits for its GPU work, destroys what it created. */
sccdm_status sccdm_destroy(sccdm_renderer *renderer);

/* Producer: RGBA8 pixels, copied before returning. stride_bytes 0 = width * 4. Frames are 32x24 to 8192x8192. */
sccdm_status sccdm_push_frame(sccdm_renderer *renderer, const uint8_t *rgba, uint32_t width, uint32_t height,
                              uint32_t stride_bytes);

/* Producer: a VkImage you own on the same device (TRANSFER_SRC usage), in `layout` (left so), read from (0,0).
   Waits for the copy before returning; wait_semaphore (binary, may be VK_NULL_HANDLE) is waited on first. */
sccdm_status sccdm_push_frame_image(sccdm_renderer *renderer, VkImage image, uint32_t format, VkImageLayout layout,
                                    uint32_t width, uint32_t height, VkSemaphore wait_semaphore);

/* Consumer: the newest result since the last acquire, waiting up to timeout_ms; SCCDM_NOT_READY if none. */
sccdm_status sccdm_acquire_result(sccdm_renderer *renderer, uint32_t timeout_ms, sccdm_result *out_result);

/* Consumer: gives the held result back. */
sccdm_status sccdm_release_result(sccdm_renderer *renderer);

/* Keypoints, KCC and angles of the held result. */
sccdm_status sccdm_get_measurements(sccdm_renderer *renderer, sccdm_measurements *out_measurements);

/* Any thread: the frames processed so far, by kind (e.g. the share of warm starts on a moving camera). */
sccdm_status sccdm_get_synthesis_counts(sccdm_renderer *renderer, sccdm_synthesis_counts *out_counts);

/* Any thread: new sampler settings, used from the next frame (which then samples from noise). */
sccdm_status sccdm_set_sampler_options(sccdm_renderer *renderer, const sccdm_sampler_options *options);

/* Any thread: hold the renderer's queue lock around your own submits to the shared queue (unlock on the same thread). */
sccdm_status sccdm_lock_queue(sccdm_renderer *renderer);
sccdm_status sccdm_unlock_queue(sccdm_renderer *renderer);

/* The message of this thread's last call ("" after SCCDM_OK): what happened, why, what to do.
   Valid until this thread's next sccdm_ call. Never NULL. */
const char *sccdm_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* SCCDM_REALTIME_H */
