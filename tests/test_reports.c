/* The report renderers on documents built here, block by block: every kind of block in text,
 * Markdown, CSV, JSON and HTML, and the edges a builder will reach (no value, a zero target,
 * an empty series, a label longer than the line, names outside ASCII, text that would be
 * markup). The figures read the same in every format. Then who may read: report_build's
 * checks of the reader, in the foreground and in the background. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "jsonr.h"
#include "report.h"
#include "report_job.h"
#include "report_render.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

static const char *const months[] = {"2026-01", "2026-02", "2026-03", "2026-04",
				     "2026-05", "2026-06", "2026-07", "2026-08",
				     "2026-09", "2026-10", "2026-11", "2026-12"};

static void sample(struct report *r)
{
	static const double counts[] = {3, 12, 40, 22, 18, 9, 0, 14, 30, 27, 25, 12};
	static const double means[] = {0.25, 0.4, 0.35, 0.5};
	report_init(r, "Programme report", "1 Jan 2026 to 31 Dec 2026, the programme");
	report_heading(r, "Outputs against targets");
	report_text(r, "What the connectors recorded, against what the programme aims for.");
	report_bar(r, "outputs.conversations", "New learning conversations", 56, 70, "",
		   "target 70 a month");
	report_bar(r, "outputs.activities", "New social activities set up", 75, 60, "", NULL);
	report_bar(r, "outputs.meetings", "Multi-agency meetings held", 4, 0, "", NULL);
	report_heading(r, "Programme counts");
	report_figure(r, "counts.residents_reached", "Residents reached", 1234567, "", NULL);
	report_figure(r, "counts.funding", "Funding secured", 12500.5, "£", "3 awards");
	report_figure(r, "counts.share", "Share participating", 87.5, "%", NULL);
	report_missing(r, "wellbeing.life_satisfaction.mean_change", "Life satisfaction, change",
		       "no pairs of answers yet");
	report_figure(r, "counts.long",
		      "A label far longer than any line of the report could hold without being "
		      "cut somewhere before its end, which it is",
		      7, "", NULL);
	report_figure(r, "counts.zoë", "Gifts shared by Zoë Ñúñez in Øster Brø", -0.4, "", NULL);
	report_heading(r, "Month by month");
	report_series(r, "outputs.conversations.by_month", "Conversations by month", 12, months,
		      counts);
	report_series(r, "network.density.by_month", "Density by month", 4, months, means);
	report_series(r, "outputs.empty.by_month", "Nothing by month", 0, NULL, NULL);
	report_table(r, "workers", 3, (const char *const[]){"Worker", "Conversations", "Share"});
	report_row(r, (const char *const[]){"Wes Ng", "41", "58%"});
	report_row(r, (const char *const[]){"Zoë Ñúñez | <b>", "15", "21%"});
	report_story(r, "A table at the café", "I came for the soup.\nNow I run the <b>quiz</b>.",
		     "a resident of Thornbury, shared with consent");
}

static char *render(const struct report *r, enum report_format f, int width)
{
	struct strbuf sb = STRBUF_INIT;
	report_render(r, f, width, &sb);
	return strbuf_take(&sb);
}

static void numbers_read_alike(void)
{
	char buf[64];
	report_render_number(1234567, "", buf, sizeof buf);
	CHECK_STR(buf, "1,234,567");
	report_render_number(12500.5, "£", buf, sizeof buf);
	CHECK_STR(buf, "£12,500.50");
	report_render_number(87.5, "%", buf, sizeof buf);
	CHECK_STR(buf, "87.5%");
	report_render_number(-0.4, "", buf, sizeof buf);
	CHECK_STR(buf, "-0.4");
	report_render_number(0.43, NULL, buf, sizeof buf);
	CHECK_STR(buf, "0.43");
	report_render_number(-0.001, "", buf, sizeof buf);
	CHECK_STR(buf, "0");
	report_render_number(3, "hours", buf, sizeof buf);
	CHECK_STR(buf, "3 hours");
	report_render_percent(56, 70, true, buf, sizeof buf);
	CHECK_STR(buf, "80%");
	report_render_percent(4, 0, true, buf, sizeof buf);
	CHECK_STR(buf, "");
}

static void bars_and_sparklines(void)
{
	char buf[256];
	report_render_bar(35, 70, true, 10, buf, sizeof buf);
	CHECK_STR(buf, "█████░░░░░│");
	report_render_bar(140, 70, true, 10, buf, sizeof buf);
	CHECK_STR(buf, "█████│█████");
	report_render_bar(1, 8, true, 1, buf, sizeof buf); /* an eighth of a cell */
	CHECK_STR(buf, "▏│");
	report_render_bar(4, 0, true, 4, buf, sizeof buf); /* no target: no marker */
	CHECK_STR(buf, "████");
	report_render_bar(0, 0, false, 4, buf, sizeof buf);
	CHECK_STR(buf, "");
	report_render_sparkline((const double[]){0, 1, 2, 4}, 4, buf, sizeof buf);
	CHECK_STR(buf, "▁▃▅█");
	report_render_sparkline((const double[]){0, 0}, 2, buf, sizeof buf);
	CHECK_STR(buf, "▁▁");
	struct strbuf sb = STRBUF_INIT;
	report_render_braille((const double[]){5, 5}, 2, 1, 1, &sb); /* flat: across the middle */
	CHECK_STR(strbuf_str(&sb), "⠒\n");
	strbuf_reset(&sb);
	report_render_braille((const double[]){0, 1}, 2, 1, 1, &sb); /* up from the bottom left */
	CHECK_STR(strbuf_str(&sb), "⡸\n");
	strbuf_reset(&sb);
	report_render_braille((const double[]){0, 3, 0}, 3, 2, 2, &sb); /* a peak, two rows */
	CHECK_STR(strbuf_str(&sb), "⢀⢷\n⡸⢸\n");
	strbuf_free(&sb);
}

static bool line_has(const struct report_lines *l, const char *a, const char *b)
{
	for (size_t i = 0; i < l->n; i++)
		if (strstr(l->line[i].text, a) && (!b || strstr(l->line[i].text, b)))
			return true;
	return false;
}

static void text_fits_and_reads(void)
{
	struct report r;
	sample(&r);
	for (int width = 40; width <= 120; width += 40) {
		struct report_lines l;
		report_render_lines(&r, width, &l);
		int widest = 0;
		for (size_t i = 0; i < l.n; i++) {
			int w = utf8_width(l.line[i].text);
			widest = w > widest ? w : widest;
		}
		CHECK(widest <= width);
		CHECK(line_has(&l, "New learning conversations", "56 of 70"));
		CHECK(line_has(&l, "░│", "80%"));   /* short of its target */
		CHECK(line_has(&l, "█│█", "125%")); /* past it */
		CHECK(line_has(&l, "4 · no target", NULL));
		CHECK(line_has(&l, "1,234,567", NULL));
		CHECK(line_has(&l, "£12,500.50", NULL));
		CHECK(line_has(&l, "Life satisfaction", "none recorded"));
		CHECK(line_has(&l, "A label far", width < 120 ? "…" : "which it is"));
		CHECK(line_has(&l, "Zoë Ñúñez", "-0.4"));
		CHECK(line_has(&l, "▂▃█▅▄▃▁▃▆▆▅▃", NULL));
		CHECK(line_has(&l, "highest 40 (Mar 2026)", NULL));
		CHECK(line_has(&l, "0.5 ⠀", NULL) && line_has(&l, "0.25 ⡠⠊", NULL)); /* a measure */
		CHECK(line_has(&l, "Jan  Feb  Mar", NULL));
		CHECK(line_has(&l, "   3   12   40", NULL));
		CHECK(line_has(&l, "│ I came for the soup.", NULL));
		CHECK(line_has(&l, "— a resident of Thornbury", NULL));
		CHECK(line_has(&l, "Wes Ng", "41"));
		CHECK_INT(l.line[0].style, REPORT_STYLE_TITLE);
		report_render_lines_free(&l);
	}
	struct report_lines l;
	report_render_lines(&r, 80, &l);
	/* the empty series says so under its label */
	for (size_t i = 0; i + 1 < l.n; i++)
		if (strstr(l.line[i].text, "Nothing by month"))
			CHECK_HAS(l.line[i + 1].text, "none recorded");
	report_render_lines_free(&l);
	report_free(&r);
}

static void markdown(void)
{
	struct report r;
	sample(&r);
	char *md = render(&r, REPORT_FORMAT_MD, 80);
	CHECK_HAS(md, "# Programme report\n");
	CHECK_HAS(md, "## Outputs against targets\n");
	CHECK_HAS(md, "| New learning conversations | 56 | 70 | 80% ");
	CHECK_HAS(md, "| Life satisfaction, change | none recorded |");
	CHECK_HAS(md, "| Mar 2026 | 40 |");
	CHECK_HAS(md, "**Nothing by month**: none recorded");
	CHECK_HAS(md, "| Zoë Ñúñez \\| \\<b\\> | 15 | 21% |");
	CHECK_HAS(md, "> I came for the soup.\n>\n> Now I run the \\<b\\>quiz\\</b\\>.");
	CHECK_HAS(md, "> — a resident of Thornbury");
	free(md);
	report_free(&r);
}

static void csv_one_row_a_figure(void)
{
	struct report r;
	sample(&r);
	char *csv = render(&r, REPORT_FORMAT_CSV, 80);
	CHECK(strncmp(csv, "key,label,value,target,unit,note\r\n", 34) == 0);
	CHECK_HAS(csv, "\r\noutputs.conversations,New learning conversations,56,70,,target 70 a "
		       "month\r\n");
	CHECK_HAS(csv, "\r\ncounts.funding,Funding secured,12500.5,,£,3 awards\r\n");
	CHECK_HAS(csv,
		  "\r\nwellbeing.life_satisfaction.mean_change,\"Life satisfaction, change\",,,,"
		  "none recorded; no pairs of answers yet\r\n");
	CHECK_HAS(csv, "\r\noutputs.conversations.by_month.2026-03,\"Conversations by month, Mar "
		       "2026\",40,,,\r\n");
	CHECK_HAS(csv, "\r\ncounts.zoë,Gifts shared by Zoë Ñúñez in Øster Brø,-0.4,,,\r\n");
	CHECK_HAS(csv, "\r\nworkers.1.1,Wes Ng: Conversations,41,,,\r\n");
	CHECK(!strstr(csv, "soup")); /* stories are for reading */
	CHECK_HAS(csv, "\r\noutputs.empty.by_month,Nothing by month,,,,none recorded\r\n");
	free(csv);
	report_free(&r);
}

static void json_keyed(void)
{
	struct report r;
	sample(&r);
	char *json = render(&r, REPORT_FORMAT_JSON, 80), why[200] = "";
	long line = 0;
	struct jsonr *v = jsonr_parse(json, strlen(json), why, sizeof why, &line);
	if (CHECK(v != NULL)) {
		const struct jsonr *f = jsonr_get(v, "figures");
		CHECK_STR(jsonr_text(f, "outputs.conversations"), "56");
		CHECK_STR(jsonr_text(f, "counts.funding"), "12500.5");
		CHECK_INT(jsonr_get(f, "wellbeing.life_satisfaction.mean_change")->type,
			  JSONR_NULL);
		CHECK_STR(jsonr_text(v, "title"), "Programme report");
		const struct jsonr *blocks = jsonr_get(v, "blocks");
		CHECK_INT(blocks->n, (int)r.n);
		CHECK_STR(jsonr_text(&blocks->item[2], "kind"), "bar");
		CHECK_STR(jsonr_text(&blocks->item[2], "percent"), "80");
		CHECK_STR(jsonr_text(&blocks->item[2], "shown"), "56");
		CHECK_STR(jsonr_text(&blocks->item[7], "shown"), "£12,500.50");
		CHECK_STR(jsonr_text(&blocks->item[r.n - 1], "text"),
			  "I came for the soup.\nNow I run the <b>quiz</b>.");
		CHECK_INT(jsonr_get(&blocks->item[13], "points")->n, 12);
		CHECK_INT(jsonr_get(&blocks->item[15], "points")->n, 0);
	} else {
		printf("%s (line %ld)\n", why, line);
	}
	jsonr_free(v);
	free(json);
	report_free(&r);
}

static void html_self_contained(void)
{
	struct report r;
	sample(&r);
	char *html = render(&r, REPORT_FORMAT_HTML, 80);
	CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	CHECK_HAS(html, "@page{size:A4");
	CHECK_HAS(html, "break-inside:avoid");
	CHECK_HAS(html, "<div class=\"keep\"><h2>Outputs against targets</h2>");
	CHECK_HAS(html, "<svg");
	CHECK_HAS(html, "<polyline"); /* density: a measure, drawn as a line */
	CHECK_HAS(html, "<rect x=");  /* conversations: counts, drawn as columns */
	CHECK_HAS(html, ">none recorded<");
	CHECK_HAS(html, ">£12,500.50<");
	CHECK_HAS(html, ">80%<");
	CHECK_HAS(html, ">no target<");
	CHECK_HAS(html, "Zoë Ñúñez | &lt;b&gt;");
	CHECK_HAS(html, "<p>Now I run the &lt;b&gt;quiz&lt;/b&gt;.</p>");
	CHECK_HAS(html, "<footer>— a resident of Thornbury");
	CHECK(!strstr(html, "src=") && !strstr(html, "href=") && !strstr(html, "url("));
	free(html);
	report_free(&r);
}

static void written_once(void)
{
	struct report r;
	sample(&r);
	char *path = xasprintf("%s/report.html", fixture_scratch("reports"));
	struct kerr err;
	CHECK_INT(report_format_of_path(path), REPORT_FORMAT_HTML);
	CHECK_INT(report_format_find("md"), REPORT_FORMAT_MD);
	CHECK_INT(report_format_find("pdf"), -1);
	CHECK_INT(report_render_write(&r, REPORT_FORMAT_HTML, path, NULL, false, &err), K_OK);
	CHECK_INT(report_render_write(&r, REPORT_FORMAT_TEXT, path, NULL, false, &err),
		  K_DUPLICATE);
	CHECK_HAS(err.msg, "--force");
	CHECK_INT(report_render_write(&r, REPORT_FORMAT_TEXT, path, NULL, true, &err), K_OK);
	free(path);
	report_free(&r);
}

/* ---- who reads: report_build's checks, before any builder runs ---- */

static struct report_query seen; /* what the builder below was asked */
static int built;

static int record_query(struct store *st, const struct report_query *q, struct report *out,
			struct kerr *err)
{
	(void)st;
	(void)err;
	seen = *q;
	built++;
	report_figure(out, "asked.worker", q->worker[0] ? "one worker" : "the programme", 1, "",
		      NULL);
	return K_OK;
}

static const struct report_def recorder = {"recorder", "Recorder", "what was asked", record_query};

static const char *id_of(struct store *st, const char *username)
{
	static char id[ID_LEN];
	char *sql = xasprintf("SELECT id FROM worker WHERE username = '%s'", username);
	sqlite3_stmt *s = NULL;
	id[0] = '\0';
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	free(sql);
	return id;
}

static int build_as(struct store *st, const char *who, const char *worker, struct kerr *err)
{
	struct report_query q;
	struct report r;
	memset(&q, 0, sizeof q);
	snprintf(q.worker, sizeof q.worker, "%s", worker);
	fixture_as(st, who);
	int status = report_build(st, &recorder, &q, &r, err);
	report_free(&r);
	return status;
}

static void a_worker_reads_their_own_and_no_one_logged_out(void)
{
	struct store *st = NULL;
	struct kerr err;
	fixture_fresh(&st);
	fixture_team(st);
	char wes[ID_LEN], wren[ID_LEN];
	snprintf(wes, sizeof wes, "%s", id_of(st, "wes"));
	snprintf(wren, sizeof wren, "%s", id_of(st, "wren"));
	built = 0;
	CHECK(build_as(st, NULL, "", &err) != K_OK);
	CHECK_INT(built, 0); /* refused before the builder ran */
	CHECK_INT(build_as(st, "wes", "", &err), K_OK);
	CHECK_STR(seen.worker, wes); /* the programme asked for: their own given */
	CHECK_INT(build_as(st, "wes", wren, &err), K_OK);
	CHECK_STR(seen.worker, wes); /* another's asked for: their own given */
	CHECK(seen.from[0] && seen.to[0] && strcmp(seen.from, seen.to) < 0);
	CHECK_INT(build_as(st, "cora", "", &err), K_OK);
	CHECK_STR(seen.worker, ""); /* a coordinator reads the programme's */
	CHECK_INT(build_as(st, "cora", wren, &err), K_OK);
	CHECK_STR(seen.worker, wren);
	store_close(st);
}

/* The Reports screen's background build holds to the same: it reads as the session does. */
static void built_in_the_background_as_the_reader(void)
{
	char *path = xasprintf("%s/job.db", fixture_scratch("reports"));
	struct store *st = fixture_open(path);
	struct kerr err;
	struct report r;
	fixture_team(st);
	struct report_query q, got;
	memset(&q, 0, sizeof q);
	fixture_as(st, "wes");
	struct report_job *j = report_job_start(st, &recorder, &q, &err);
	if (CHECK(j != NULL)) {
		CHECK_INT(report_job_finish(j, &r, &got, &err), K_OK);
		CHECK_STR(got.worker, id_of(st, "wes"));
		CHECK_STR(r.blocks[0].label, "one worker");
		report_free(&r);
	}
	fixture_as(st, NULL);
	j = report_job_start(st, &recorder, &q, &err);
	if (CHECK(j != NULL)) {
		CHECK(report_job_finish(j, &r, &got, &err) != K_OK);
		report_free(&r);
	}
	fixture_as(st, "cora");
	report_job_cancel(report_job_start(st, &recorder, &q, &err)); /* stopped: nothing left */
	store_close(st);
	free(path);
}

/* test_reports FORMAT prints the sample in that format (for test_report_pdf.py) */
static int print(const char *format)
{
	int f = report_format_find(format);
	if (f < 0)
		return 2;
	struct report r;
	sample(&r);
	char *out = render(&r, (enum report_format)f, 80);
	fputs(out, stdout);
	free(out);
	report_free(&r);
	return 0;
}

int main(int argc, char **argv)
{
	utf8_locale();
	if (argc > 1)
		return print(argv[1]);
	RUN(numbers_read_alike);
	RUN(bars_and_sparklines);
	RUN(text_fits_and_reads);
	RUN(markdown);
	RUN(csv_one_row_a_figure);
	RUN(json_keyed);
	RUN(html_self_contained);
	RUN(written_once);
	RUN(a_worker_reads_their_own_and_no_one_logged_out);
	RUN(built_in_the_background_as_the_reader);
	fixture_scratch_remove();
	return check_summary("reports");
}
