#include "CVipsLoader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <vips/vips.h>

/*
 * Every libvips and GLib function used, found with dlsym once libvips is loaded. The table's member types
 * are those of libvips' own declarations, so a call through it is checked by the compiler exactly like a
 * direct call.
 */
#define CP_FUNCTIONS(X)                                                                                         \
    X(vips_version) X(vips_init) X(vips_cache_set_max) X(vips_block_untrusted_set) X(vips_error_buffer_copy)    \
    X(vips_error_clear) X(vips_foreign_find_load_buffer) X(vips_nickname_find) X(vips_image_new_from_buffer)   \
    X(vips_image_copy_memory) X(vips_image_write_to_memory) X(vips_image_get_width) X(vips_image_get_height)   \
    X(vips_image_get_bands) X(vips_image_hasalpha) X(vips_image_get_format) X(vips_image_get_typeof)            \
    X(vips_image_get_fields) X(vips_image_remove) X(vips_image_set_blob_copy) X(vips_image_set_int)             \
    X(vips_image_new_from_memory_copy) X(vips_isprefix) X(vips_autorot) X(vips_icc_transform)                  \
    X(vips_colourspace) X(vips_cast) X(vips_copy) X(vips_extract_area) X(vips_resize) X(vips_zoom)             \
    X(vips_insert) X(vips_flatten) X(vips_array_double_newv) X(vips_area_unref) X(vips_jpegsave_buffer)          \
    X(vips_webpsave_buffer) X(vips_pngsave_buffer) X(g_type_from_name) X(g_object_ref) X(g_object_unref)          \
    X(g_free) X(g_strfreev) X(g_log_set_handler)

static struct {
#define CP_MEMBER(name) __typeof__(name) *name;
    CP_FUNCTIONS(CP_MEMBER)
#undef CP_MEMBER
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int started = -1;
static char reason[512] = "libvips was not loaded";

#if defined(__APPLE__)
static const char *const library = "libvips.42.dylib";
#else
static const char *const library = "libvips.so.42";
#endif

static void ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

/* Loads libvips and starts it. The operation cache is disabled: images are loaded from Swift buffers whose
 * memory is reused after a call returns, so a cached loader could hand back an image that points at freed
 * memory. Loaders marked untrusted (SVG, PDF, ImageMagick) are blocked. Warnings such as "error in tile" of
 * a damaged file are not printed: the caller reports the failure as a diagnostic instead. */
static void load(void) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *error = dlerror();
        snprintf(reason, sizeof reason, "cannot load %s: %s (install libvips42)", library, error ? error : "?");
        return;
    }
#define CP_RESOLVE(name)                                                                                        \
    api.name = (__typeof__(name) *)dlsym(handle, #name);                                                        \
    if (api.name == NULL) {                                                                                     \
        snprintf(reason, sizeof reason, "%s has no %s", library, #name);                                        \
        return;                                                                                                 \
    }
    CP_FUNCTIONS(CP_RESOLVE)
#undef CP_RESOLVE
    if (api.vips_version(0) != VIPS_MAJOR_VERSION || api.vips_version(1) != VIPS_MINOR_VERSION) {
        snprintf(reason, sizeof reason, "%s is libvips %d.%d, built for %d.%d", library, api.vips_version(0),
                 api.vips_version(1), VIPS_MAJOR_VERSION, VIPS_MINOR_VERSION);
        return;
    }
    if (api.vips_init("campaignpress") != 0) {
        snprintf(reason, sizeof reason, "libvips did not start");
        return;
    }
    api.g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, ignore_log, NULL);
    api.vips_cache_set_max(0);
    api.vips_block_untrusted_set(TRUE);
    started = 0;
}

int cp_init(void) {
    pthread_once(&once, load);
    return started;
}

const char *cp_init_error(void) { return started == 0 ? "" : reason; }

#define V(image) ((VipsImage *)(image))
#define OUT(out) ((VipsImage **)(out))

void cp_ref(cp_image *image) { (api.g_object_ref)(image); }  /* g_object_ref is also a macro */
void cp_unref(cp_image *image) { api.g_object_unref(image); }
void cp_free(void *memory) { api.g_free(memory); }

int cp_width(cp_image *image) { return api.vips_image_get_width(V(image)); }
int cp_height(cp_image *image) { return api.vips_image_get_height(V(image)); }
int cp_bands(cp_image *image) { return api.vips_image_get_bands(V(image)); }
int cp_has_alpha(cp_image *image) { return api.vips_image_hasalpha(V(image)) ? 1 : 0; }
int cp_is_uchar(cp_image *image) { return api.vips_image_get_format(V(image)) == VIPS_FORMAT_UCHAR; }

char *cp_error_copy(void) { return started == 0 ? api.vips_error_buffer_copy() : NULL; }
void cp_error_clear(void) {
    if (started == 0) api.vips_error_clear();
}

const char *cp_find_loader_nickname(const void *buf, size_t len) {
    const char *name = api.vips_foreign_find_load_buffer(buf, len);
    if (name == NULL) return NULL;
    return api.vips_nickname_find(api.g_type_from_name(name));
}

cp_image *cp_new_from_buffer(const void *buf, size_t len) {
    return (cp_image *)api.vips_image_new_from_buffer(buf, len, "", "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

cp_image *cp_copy_memory(cp_image *image) { return (cp_image *)api.vips_image_copy_memory(V(image)); }

void *cp_write_to_memory(cp_image *image, size_t *size) { return api.vips_image_write_to_memory(V(image), size); }

int cp_autorot(cp_image *in, cp_image **out) { return api.vips_autorot(V(in), OUT(out), NULL); }

int cp_to_srgb(cp_image *in, cp_image **out) {
    VipsImage *converted = NULL;
    if (api.vips_image_get_typeof(V(in), VIPS_META_ICC_NAME) != 0) {
        if (api.vips_icc_transform(V(in), &converted, "srgb", "embedded", TRUE, "depth", 8, NULL) != 0) {
            api.vips_error_clear();
            converted = NULL;
        }
    }
    if (converted == NULL) {
        if (api.vips_colourspace(V(in), &converted, VIPS_INTERPRETATION_sRGB, NULL) != 0) return -1;
    }
    int result = api.vips_cast(converted, OUT(out), VIPS_FORMAT_UCHAR, NULL);
    api.g_object_unref(converted);
    return result;
}

static void remove_field(VipsImage *image, const char *field) {
    if (api.vips_isprefix("exif-", field) || api.vips_isprefix("xmp-", field) || api.vips_isprefix("iptc-", field)
        || api.vips_isprefix("icc-", field) || api.vips_isprefix("png-comment", field)
        || api.vips_isprefix("jpeg-thumbnail", field) || api.vips_isprefix("heif-", field)
        || api.vips_isprefix("gif-comment", field) || strcmp(field, VIPS_META_ORIENTATION) == 0
        || strcmp(field, VIPS_META_PHOTOSHOP_NAME) == 0 || strcmp(field, VIPS_META_IMAGEDESCRIPTION) == 0) {
        api.vips_image_remove(image, field);
    }
}

int cp_copy_without_metadata(cp_image *in, cp_image **out) {
    if (api.vips_copy(V(in), OUT(out), NULL) != 0) return -1;
    gchar **fields = api.vips_image_get_fields(V(*out));
    for (int i = 0; fields[i] != NULL; i++) remove_field(V(*out), fields[i]);
    api.g_strfreev(fields);
    return 0;
}

int cp_extract_area(cp_image *in, cp_image **out, int left, int top, int width, int height) {
    return api.vips_extract_area(V(in), OUT(out), left, top, width, height, NULL);
}

int cp_resize(cp_image *in, cp_image **out, double hscale, double vscale) {
    return api.vips_resize(V(in), OUT(out), hscale, "vscale", vscale, NULL);
}

int cp_zoom(cp_image *in, cp_image **out, int xfac, int yfac) {
    return api.vips_zoom(V(in), OUT(out), xfac, yfac, NULL);
}

int cp_insert(cp_image *main, cp_image *sub, cp_image **out, int x, int y) {
    return api.vips_insert(V(main), V(sub), OUT(out), x, y, NULL);
}

int cp_cast_like(cp_image *in, cp_image **out, cp_image *like) {
    return api.vips_cast(V(in), OUT(out), api.vips_image_get_format(V(like)), NULL);
}

int cp_flatten_white(cp_image *in, cp_image **out) {
    VipsArrayDouble *background = api.vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int result = api.vips_flatten(V(in), OUT(out), "background", background, NULL);
    api.vips_area_unref(VIPS_AREA(background));
    return result;
}

int cp_jpegsave_buffer(cp_image *in, void **buf, size_t *len, int quality) {
    return api.vips_jpegsave_buffer(V(in), buf, len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                    "interlace", TRUE, NULL);
}

int cp_webpsave_buffer(cp_image *in, void **buf, size_t *len, int quality) {
    return api.vips_webpsave_buffer(V(in), buf, len, "Q", quality, "strip", TRUE, NULL);
}

cp_image *cp_new_from_pixels(const void *data, size_t size, int width, int height, int bands) {
    VipsImage *image = api.vips_image_new_from_memory_copy(data, size, width, height, bands, VIPS_FORMAT_UCHAR);
    if (image != NULL) image->Type = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    return (cp_image *)image;
}

void cp_set_blob(cp_image *image, const char *name, const void *data, size_t size) {
    api.vips_image_set_blob_copy(V(image), name, data, size);
}

void cp_set_int(cp_image *image, const char *name, int value) { api.vips_image_set_int(V(image), name, value); }

int cp_jpegsave_buffer_keep(cp_image *in, void **buf, size_t *len) {
    return api.vips_jpegsave_buffer(V(in), buf, len, "Q", 95, NULL);
}

int cp_pngsave_buffer(cp_image *in, void **buf, size_t *len) {
    return api.vips_pngsave_buffer(V(in), buf, len, NULL);
}
