#ifndef CVIPS_SHIM_H
#define CVIPS_SHIM_H
#include <vips/vips.h>

/*
 * Non-variadic wrappers around the libvips calls the Imaging target uses: Swift cannot call C
 * functions that take `...`, and every libvips operation takes NULL-terminated optional arguments.
 * Each returns 0 on success and -1 on failure (the reason is in vips_error_buffer()).
 */

/* Starts libvips once per process. The operation cache is disabled: images are loaded from Swift
 * buffers whose memory is reused after a call returns, so a cached loader could hand back an image
 * that points at freed memory. Loaders marked untrusted (SVG, PDF, ImageMagick) are blocked. */
static inline void cp_ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

/* Warnings such as "error in tile" of a damaged file are not printed: the caller reports the failure
 * as a diagnostic instead. */
static inline int cp_init(void) {
    if (VIPS_INIT("campaignpress") != 0) return -1;
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, cp_ignore_log, NULL);
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    return 0;
}

static inline void cp_unref(VipsImage *image) { g_object_unref(image); }

/* The nickname of the loader for `buf` (e.g. "jpegload_buffer"), or NULL when no loader accepts it. */
static inline const char *cp_find_loader_nickname(const void *buf, size_t len) {
    const char *name = vips_foreign_find_load_buffer(buf, len);
    if (name == NULL) return NULL;
    return vips_nickname_find(g_type_from_name(name));
}

/* Opens an image in memory without copying `buf`; the buffer must outlive the image. A truncated
 * file fails when its pixels are read instead of being padded with grey. */
static inline VipsImage *cp_new_from_buffer(const void *buf, size_t len) {
    return vips_image_new_from_buffer(buf, len, "", "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
}

static inline int cp_autorot(VipsImage *in, VipsImage **out) { return vips_autorot(in, out, NULL); }

/* Converts to 8-bit sRGB: through the embedded ICC profile when there is one (so a wide-gamut phone
 * photo keeps its colours once the profile is stripped), else by interpretation. */
static inline int cp_to_srgb(VipsImage *in, VipsImage **out) {
    VipsImage *converted = NULL;
    if (vips_image_get_typeof(in, VIPS_META_ICC_NAME) != 0) {
        if (vips_icc_transform(in, &converted, "srgb", "embedded", TRUE, "depth", 8, NULL) != 0) {
            vips_error_clear();
            converted = NULL;
        }
    }
    if (converted == NULL) {
        if (vips_colourspace(in, &converted, VIPS_INTERPRETATION_sRGB, NULL) != 0) return -1;
    }
    int result = vips_cast(converted, out, VIPS_FORMAT_UCHAR, NULL);
    g_object_unref(converted);
    return result;
}

/* A private copy whose metadata can be edited: removes every EXIF, XMP, IPTC and ICC field and the
 * orientation tag, so nothing is left for a saver to write even before `strip`. */
static inline void cp_remove_field(VipsImage *image, const char *field, void *unused) {
    (void) unused;
    if (vips_isprefix("exif-", field) || vips_isprefix("xmp-", field) || vips_isprefix("iptc-", field)
        || vips_isprefix("icc-", field) || vips_isprefix("png-comment", field)
        || vips_isprefix("jpeg-thumbnail", field) || vips_isprefix("heif-", field)
        || vips_isprefix("gif-comment", field) || strcmp(field, VIPS_META_ORIENTATION) == 0
        || strcmp(field, VIPS_META_PHOTOSHOP_NAME) == 0 || strcmp(field, VIPS_META_IMAGEDESCRIPTION) == 0) {
        vips_image_remove(image, field);
    }
}

static inline int cp_copy_without_metadata(VipsImage *in, VipsImage **out) {
    if (vips_copy(in, out, NULL) != 0) return -1;
    gchar **fields = vips_image_get_fields(*out);
    for (int i = 0; fields[i] != NULL; i++) cp_remove_field(*out, fields[i], NULL);
    g_strfreev(fields);
    return 0;
}

static inline int cp_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

/* Box-averaging shrink (and any resize) with separate horizontal and vertical scales. */
static inline int cp_resize(VipsImage *in, VipsImage **out, double hscale, double vscale) {
    return vips_resize(in, out, hscale, "vscale", vscale, NULL);
}

/* Integer pixel replication: each pixel becomes an xfac × yfac block. */
static inline int cp_zoom(VipsImage *in, VipsImage **out, int xfac, int yfac) {
    return vips_zoom(in, out, xfac, yfac, NULL);
}

static inline int cp_insert(VipsImage *main, VipsImage *sub, VipsImage **out, int x, int y) {
    return vips_insert(main, sub, out, x, y, NULL);
}

static inline int cp_cast_like(VipsImage *in, VipsImage **out, VipsImage *like) {
    return vips_cast(in, out, vips_image_get_format(like), NULL);
}

/* Removes an alpha channel by compositing over white (JPEG has no transparency). */
static inline int cp_flatten_white(VipsImage *in, VipsImage **out) {
    VipsArrayDouble *background = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    int result = vips_flatten(in, out, "background", background, NULL);
    vips_area_unref(VIPS_AREA(background));
    return result;
}

static inline int cp_jpegsave_buffer(VipsImage *in, void **buf, size_t *len, int quality) {
    return vips_jpegsave_buffer(in, buf, len, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
                                "interlace", TRUE, NULL);
}

static inline int cp_webpsave_buffer(VipsImage *in, void **buf, size_t *len, int quality) {
    return vips_webpsave_buffer(in, buf, len, "Q", quality, "strip", TRUE, NULL);
}

/* Test helpers: encode without stripping, with an EXIF blob attached to a private copy. */
static inline int cp_jpegsave_buffer_keep(VipsImage *in, void **buf, size_t *len) {
    return vips_jpegsave_buffer(in, buf, len, "Q", 95, NULL);
}

static inline int cp_pngsave_buffer(VipsImage *in, void **buf, size_t *len) {
    return vips_pngsave_buffer(in, buf, len, NULL);
}

#endif
