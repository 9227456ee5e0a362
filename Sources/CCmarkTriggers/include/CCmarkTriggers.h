#ifndef CCMARK_TRIGGERS_H
#define CCMARK_TRIGGERS_H

/// Whether cmark-gfm has called this program's `cmark_manage_extensions_special_characters` (see
/// CCmarkTriggers.c): once a document has been parsed, true means the inline trigger characters are no
/// longer cleared after each parse, so documents may be parsed on several threads at once.
int cmt_triggers_kept(void);

#endif
