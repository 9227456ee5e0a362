#ifndef CVIPSLOADER_H
#define CVIPSLOADER_H

#include <stddef.h>

/*
 * libvips, loaded when the first photo is processed (docs/architecture.md, "Departures"): linking it
 * would load it and about a hundred libraries it depends on into every `campaign` process, photos or
 * not, which costs every command about 12 ms and 10 MB before it starts.
 *
 * Nothing of libvips' own headers is seen here: an image is an opaque `cp_image` (a VipsImage), and every
 * call the Imaging target makes is one of these functions. The operations return 0 on success and -1 on
 * failure (the reason is in `cp_error_copy()`); a new image goes to `*out`.
 */
typedef struct cp_image cp_image;

/* Loads and starts libvips, once per process; 0 on success, -1 with the reason in `cp_init_error()`.
 * Every other function may be called only after it returned 0. */
int cp_init(void);
const char *cp_init_error(void);

void cp_ref(cp_image *image);
void cp_unref(cp_image *image);
/* Frees memory libvips handed out (`g_free`). */
void cp_free(void *memory);

int cp_width(cp_image *image);
int cp_height(cp_image *image);
int cp_bands(cp_image *image);
int cp_has_alpha(cp_image *image);
/* 1 when the pixels are 8-bit unsigned. */
int cp_is_uchar(cp_image *image);

/* The first lines of libvips' error buffer (to free with `cp_free`), then cleared; NULL before `cp_init`. */
char *cp_error_copy(void);
void cp_error_clear(void);

/* The nickname of the loader for `buf` (e.g. "jpegload_buffer"), or NULL when no loader accepts it. */
const char *cp_find_loader_nickname(const void *buf, size_t len);
/* Opens an image in memory without copying `buf`; the buffer must outlive the image. A truncated file
 * fails when its pixels are read instead of being padded with grey. */
cp_image *cp_new_from_buffer(const void *buf, size_t len);
/* The pixels computed into memory: a new image, or NULL. */
cp_image *cp_copy_memory(cp_image *image);
/* The pixels as one buffer (to free with `cp_free`), or NULL. */
void *cp_write_to_memory(cp_image *image, size_t *size);

int cp_autorot(cp_image *in, cp_image **out);
/* Converts to 8-bit sRGB: through the embedded ICC profile when there is one (so a wide-gamut phone
 * photo keeps its colours once the profile is stripped), else by interpretation. */
int cp_to_srgb(cp_image *in, cp_image **out);
/* A private copy without any EXIF, XMP, IPTC or ICC field or orientation tag, so nothing is left for a
 * saver to write even before `strip`. */
int cp_copy_without_metadata(cp_image *in, cp_image **out);
int cp_extract_area(cp_image *in, cp_image **out, int left, int top, int width, int height);
/* Box-averaging shrink (and any resize) with separate horizontal and vertical scales. */
int cp_resize(cp_image *in, cp_image **out, double hscale, double vscale);
/* Integer pixel replication: each pixel becomes an xfac × yfac block. */
int cp_zoom(cp_image *in, cp_image **out, int xfac, int yfac);
int cp_insert(cp_image *main, cp_image *sub, cp_image **out, int x, int y);
int cp_cast_like(cp_image *in, cp_image **out, cp_image *like);
/* Removes an alpha channel by compositing over white (JPEG has no transparency). */
int cp_flatten_white(cp_image *in, cp_image **out);
int cp_jpegsave_buffer(cp_image *in, void **buf, size_t *len, int quality);
int cp_webpsave_buffer(cp_image *in, void **buf, size_t *len, int quality);

/* Test helpers: an 8-bit image of `bands` bands from pixels (sRGB for 3 or more bands, else grey),
 * metadata to attach, and encoders that keep it. */
cp_image *cp_new_from_pixels(const void *data, size_t size, int width, int height, int bands);
void cp_set_blob(cp_image *image, const char *name, const void *data, size_t size);
void cp_set_int(cp_image *image, const char *name, int value);
int cp_jpegsave_buffer_keep(cp_image *in, void **buf, size_t *len);
int cp_pngsave_buffer(cp_image *in, void **buf, size_t *len);

#endif
