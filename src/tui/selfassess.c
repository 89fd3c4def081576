/* The readiness self-assessment popup. Two views in one modal: the assessments (newest
 * first, with each theme's mean), and one assessment's questions under their themes, where
 * + and - move a rating and e types its evidence; each change is saved as it is made. */
#include "selfassess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "keys.h"
#include "readiness.h"
#include "record.h"
#include "strbuf.h"
#include "xalloc.h"

struct selfassess {
	struct modal m;
	struct readiness_sitting *sitting; /* oldest first */
	int nsitting;
	struct readiness_answers *means; /* each sitting's answers, for its means */
	int sel, top;
	bool open; /* one assessment's questions are shown: answers */
	struct readiness_answers answers;
	int q; /* the question chosen, 0..17 */
	bool stale;
	char error[400];
};

static struct selfassess *open_one; /* for a form's or a prompt's callback */

static void forget(struct selfassess *v)
{
	for (int i = 0; i < v->nsitting && v->means; i++)
		readiness_answers_free(&v->means[i]);
	free(v->means);
	free(v->sitting);
	v->means = NULL, v->sitting = NULL, v->nsitting = 0;
}

static void load(struct tui *t, struct selfassess *v)
{
	struct kerr err;
	forget(v);
	v->error[0] = '\0';
	v->stale = false;
	int status = readiness_sittings(tui_store(t), "", &v->sitting, &v->nsitting, &err);
	if (status == K_OK)
		v->means = xcalloc((size_t)v->nsitting + 1, sizeof *v->means);
	for (int i = 0; i < v->nsitting && status == K_OK; i++)
		status = readiness_answers_load(tui_store(t), v->sitting[i].id, &v->means[i], &err);
	if (status != K_OK) {
		snprintf(v->error, sizeof v->error, "%s", err.msg);
		forget(v);
	}
	if (v->sel >= v->nsitting)
		v->sel = v->nsitting ? v->nsitting - 1 : 0;
	if (v->open) { /* the one shown, again */
		char id[ID_LEN];
		snprintf(id, sizeof id, "%s", v->answers.id);
		readiness_answers_free(&v->answers);
		if (readiness_answers_load(tui_store(t), id, &v->answers, &err) != K_OK)
			v->open = false;
	}
}

/* "Co-production 2.7" a theme, or "–" when it has no rating. */
static void theme_means(const struct readiness_answers *a, char *out, size_t n)
{
	size_t at = 0;
	out[0] = '\0';
	for (int t = 0; t < READINESS_THEMES && at < n; t++) {
		double mean;
		char one[16];
		if (readiness_theme_mean(a, t, &mean))
			snprintf(one, sizeof one, "%.1f", mean);
		else
			snprintf(one, sizeof one, "–");
		at += (size_t)snprintf(out + at, n - at, "%s%.4s %s", t ? "  " : "",
				       readiness_themes[t], one);
	}
}

static void draw_sittings(struct tui *t, struct selfassess *v, int cols, int rows)
{
	draw_text(stdscr, 2, 2,
		  "Themes: Co-p(roduction), Comm(unity Connections), Impa(ct), "
		  "Lead(ership), Qual(ity), Visi(on); mean of 1 to 4",
		  cols - 4, PAINT_DIM, false);
	if (!v->nsitting)
		draw_text(stdscr, 4, 2, "No assessment yet: a starts one.", cols - 4, PAINT_DIM,
			  false);
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + rows)
		v->top = v->sel - rows + 1;
	for (int r = 0; r < rows && v->top + r < v->nsitting; r++) {
		int i = v->nsitting - 1 - v->top - r; /* newest first */
		bool on = v->top + r == v->sel;
		char date[16], means[200];
		enum paint p = on ? PAINT_SELECTED : PAINT_NORMAL;
		draw_fill(stdscr, 4 + r * 2, 2, cols - 4, p);
		if (on)
			draw_text(stdscr, 4 + r * 2, 1, "›", 1, PAINT_SELECTED, false);
		draw_text(stdscr, 4 + r * 2, 2, tui_date(v->sitting[i].date, date), 11, p, false);
		draw_text(stdscr, 4 + r * 2, 14, v->means[i].title, cols - 16, p, false);
		theme_means(&v->means[i], means, sizeof means);
		draw_text(stdscr, 5 + r * 2, 14, means, cols - 16, PAINT_DIM, false);
	}
	(void)t;
}

/* The screen lines of the questions: a theme's heading, then its three questions. */
static int line_of(int q)
{
	return readiness_questions[q].theme * 4 + 1 + q % 3;
}

static void draw_question(const struct selfassess *v, int q, int y, int cols)
{
	int r = v->answers.rating[q];
	bool on = q == v->q;
	enum paint p = on ? PAINT_SELECTED : PAINT_NORMAL;
	char left[80], right[40];
	snprintf(left, sizeof left, "%2d %s", q + 1, readiness_questions[q].label);
	snprintf(right, sizeof right, "%s %s", r ? (const char[]){(char)('0' + r), 0} : "·",
		 r ? readiness_levels[r - 1] : "not rated");
	draw_fill(stdscr, y, 2, cols - 4, p);
	if (on)
		draw_text(stdscr, y, 1, "›", 1, PAINT_SELECTED, false);
	draw_text(stdscr, y, 4, left, cols - 22, p, false);
	draw_text_right(stdscr, y, 2, right, cols - 4, on ? PAINT_SELECTED : PAINT_DIM);
}

static void draw_answers(struct selfassess *v, int cols, int h)
{
	int rows = h - 8, first = line_of(v->q) - rows + 1;
	int top = first > 0 ? first : 0;
	for (int t = 0; t < READINESS_THEMES; t++) {
		int y = t * 4 - top;
		if (y >= 0 && y < rows)
			draw_text(stdscr, 3 + y, 2, readiness_themes[t], cols - 4, PAINT_HEADING,
				  false);
	}
	for (int q = 0; q < READINESS_QUESTIONS; q++) {
		int y = line_of(q) - top;
		if (y >= 0 && y < rows)
			draw_question(v, q, 3 + y, cols);
	}
	/* the whole question, and its evidence */
	draw_wrapped(stdscr, h - 4, 2, readiness_questions[v->q].text, cols - 4, 3, PAINT_DIM);
	const char *ev = v->answers.evidence[v->q];
	char line[300];
	snprintf(line, sizeof line, "Evidence: %s", *ev ? ev : "none given (e types it)");
	draw_text(stdscr, h - 1, 2, line, cols - 4, PAINT_NORMAL, false);
}

static void selfassess_draw(struct tui *t, struct modal *m)
{
	struct selfassess *v = (struct selfassess *)m;
	if (v->stale)
		load(t, v);
	int cols = tui_cols(t), h = tui_rows(t) - 3;
	char title[300], date[16];
	if (v->open)
		snprintf(title, sizeof title, "Readiness: %s, %s", v->answers.title,
			 tui_date(v->answers.date, date));
	else
		snprintf(title, sizeof title, "Readiness self-assessments");
	draw_box(stdscr, 1, 0, h, cols, title);
	if (v->error[0])
		draw_text(stdscr, 2, 2, v->error, cols - 4, PAINT_ERROR, false);
	else if (v->open)
		draw_answers(v, cols, h);
	else
		draw_sittings(t, v, cols, (h - 4) / 2);
	curs_set(0);
}

static void selfassess_free(struct modal *m)
{
	struct selfassess *v = (struct selfassess *)m;
	forget(v);
	readiness_answers_free(&v->answers);
	if (open_one == v)
		open_one = NULL;
	free(v);
}

static void rate(struct tui *t, struct selfassess *v, int step)
{
	struct kerr err;
	int r = v->answers.rating[v->q] + step;
	if (r < 1 || r > READINESS_LEVELS)
		return;
	if (readiness_rate(tui_store(t), v->answers.id, v->q + 1, r, NULL, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	v->answers.rating[v->q] = r;
	v->stale = true;
	tui_status(t, false, "Question %d: %d, %s", v->q + 1, r, readiness_levels[r - 1]);
}

static void evidence_typed(struct tui *t, struct modal *m, bool ok)
{
	struct dialog *d = (struct dialog *)m;
	struct kerr err;
	if (!ok || !open_one || !open_one->open)
		return;
	struct selfassess *v = open_one;
	if (readiness_rate(tui_store(t), v->answers.id, v->q + 1, 0, d->line.text, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "Evidence for question %d saved", v->q + 1);
	v->stale = true;
}

static void added(struct tui *t, struct editor *e)
{
	if (open_one)
		open_one->stale = true, open_one->sel = 0;
	tui_status(t, false, "Added %s: Enter opens its questions", record_display(e->rec));
}

static int sittings_key(struct tui *t, struct selfassess *v, enum action a)
{
	int n = v->nsitting;
	switch (a) {
	case ACT_DOWN:
		v->sel += v->sel + 1 < n;
		break;
	case ACT_UP:
		v->sel -= v->sel > 0;
		break;
	case ACT_ADD:
		tui_form(t, record_new(&readiness_entity), true, NULL, 0, "New assessment")
			->saved = added;
		break;
	case ACT_OPEN:
		if (n) {
			readiness_answers_free(&v->answers);
			snprintf(v->answers.id, sizeof v->answers.id, "%s",
				 v->sitting[n - 1 - v->sel].id);
			v->open = true, v->q = 0, v->stale = true;
		}
		break;
	case ACT_BACK:
		return MODAL_CANCEL;
	default:
		break;
	}
	return MODAL_STAY;
}

static int answers_key(struct tui *t, struct selfassess *v, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		v->q += v->q + 1 < READINESS_QUESTIONS;
		break;
	case ACT_UP:
		v->q -= v->q > 0;
		break;
	case ACT_FIRST:
		v->q = 0;
		break;
	case ACT_LAST:
		v->q = READINESS_QUESTIONS - 1;
		break;
	case ACT_RAISE:
	case ACT_LOWER:
		rate(t, v, a == ACT_RAISE ? 1 : -1);
		break;
	case ACT_EVIDENCE: {
		struct dialog *d = dialog_prompt("Evidence: ", v->answers.evidence[v->q]);
		d->m.done = evidence_typed;
		tui_push(t, &d->m);
		break;
	}
	case ACT_BACK:
		v->open = false, v->stale = true;
		break;
	default:
		break;
	}
	return MODAL_STAY;
}

static int selfassess_key(struct tui *t, struct modal *m, int key)
{
	struct selfassess *v = (struct selfassess *)m;
	enum action a = keys_lookup(KEYMAP_READINESS, key);
	if (a == ACT_HELP) {
		tui_push(t, &dialog_help(KEYMAP_READINESS, "Keys here")->m);
		return MODAL_STAY;
	}
	return v->open ? answers_key(t, v, a) : sittings_key(t, v, a);
}

static const struct modal_ops selfassess_ops = {KEYMAP_READINESS, selfassess_draw, selfassess_key,
						selfassess_free, NULL};

void selfassess_open(struct tui *t)
{
	struct selfassess *v = xcalloc(1, sizeof *v);
	v->m.ops = &selfassess_ops;
	load(t, v);
	open_one = v;
	tui_push(t, &v->m);
}
