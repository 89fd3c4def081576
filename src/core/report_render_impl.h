/* What the report renderers share (report_render.c, report_text.c, report_data.c,
 * report_html.c): each format's writer, and how a month and a missing figure read. Private to
 * core. */
#ifndef KITH_REPORT_RENDER_IMPL_H
#define KITH_REPORT_RENDER_IMPL_H

#include "report.h"
#include "report_render.h"
#include "strbuf.h"

#define REPORT_NONE "none recorded"

/* "Jan 2026" for a label "2026-01" (or "2026-01-31"); other labels as they are. */
void report_month_label(const char *label, char *buf, size_t n);
/* What a figure or bar shows for its value: the number with its unit, or "none recorded". */
void report_shown(const struct report_block *b, char *buf, size_t n);

/* Whether a series is of counts (whole, none negative), drawn as columns from zero; else it is
 * of a measure, drawn as a line from its least value to its largest. */
bool report_counts(const struct report_block *b);

void report_render_md(const struct report *r, struct strbuf *out);
void report_render_csv(const struct report *r, struct strbuf *out);
void report_render_json(const struct report *r, struct strbuf *out);
void report_render_html(const struct report *r, struct strbuf *out);

#endif
