// Keeps cmark-gfm's inline trigger characters set, so that documents parse on several threads at once
// (docs/architecture.md).
//
// cmark-gfm 0.29.0.gfm.6 keeps the characters that start an extension's inline (`~` for strikethrough,
// `:` and `w` for autolinks) in a process-wide table. `process_inlines` calls
// `cmark_manage_extensions_special_characters(parser, 1)` before a document's inline pass and
// `(parser, 0)` after it, which clears them: a document in its inline pass on another thread then loses
// its strikethrough and autolinks (github/cmark-gfm#176).
//
// The library makes that call through its procedure linkage table, so this definition, in the program,
// is the one it reaches. It passes every "set" on to the library's own function and drops every
// "clear". Setting writes 1 into bytes that are already 1 for every parser after the first (all
// parsers of this program attach the same extensions), so a thread reading the table never sees it
// change. Whether the library does reach this definition is checked, not assumed: `cmt_triggers_kept`
// says whether it has been called. The Swift side asks once, after a first small parse of its own, and
// where the answer is no it keeps a lock around every inline pass (CommonMarkConverter.swift).
#define _GNU_SOURCE
#include "CCmarkTriggers.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct cmark_parser cmark_parser;
typedef void (*cmt_manage_function)(cmark_parser *, int);

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add);

static pthread_once_t cmt_once = PTHREAD_ONCE_INIT;
/// The library's definition: the next one after this program's. Written once, under `cmt_once`.
static cmt_manage_function cmt_library;
static atomic_int cmt_calls;

static void cmt_find_library(void) {
    cmt_manage_function found =
        (cmt_manage_function)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
    if (found != cmark_manage_extensions_special_characters) cmt_library = found;
}

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
    pthread_once(&cmt_once, cmt_find_library);
    // Not found only if the library were not loaded, and then it could not be calling here.
    if (cmt_library == NULL) return;
    atomic_fetch_add_explicit(&cmt_calls, 1, memory_order_relaxed);
    if (add) cmt_library(parser, 1);
}

int cmt_triggers_kept(void) { return atomic_load_explicit(&cmt_calls, memory_order_relaxed) > 0; }
