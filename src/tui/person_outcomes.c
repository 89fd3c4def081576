/* A person's outcomes on their detail: the change since their baseline in words a connector
 * can read back to them, each answer over time, and their stories with whether they may be
 * shared, what they show and where they happened. */
#include "person_outcomes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcomes.h"
#include "page.h"
#include "picker.h"
#include "person.h"
#include "record.h"
#include "story.h"
#include "strbuf.h"
#include "wellbeing.h"
#include "xalloc.h"

#define ANSWERS 6
#define STORIES 5

const char *outcomes_next_stage(struct tui *t, const char *person_id)
{
	struct page_query q;
	struct kerr err;
	long long n = 0;
	page_query_init(&q, &wellbeing_entity);
	if (page_query_where(&q, "person_id", person_id, &err) != K_OK ||
	    page_count(tui_store(t), &q, 1, &n, &err) != K_OK)
		return "baseline";
	return n ? "follow_up" : "baseline";
}

/* "life satisfaction 4 → 8 (+4, better)" */
static void one_change(const struct outcomes_pair *p, int q, struct strbuf *sb)
{
	const struct outcomes_question *qu = &outcomes_questions[q];
	if (p->before[q] < 0 || p->after[q] < 0)
		return;
	int change = p->after[q] - p->before[q];
	bool better = qu->lower_better ? change < 0 : change > 0;
	char *label = xstrdup(qu->label);
	label[0] = (char)(label[0] | 0x20); /* lower case in the middle of a line */
	strbuf_printf(sb, "%s%s %d → %d (%s%d%s)", sb->len ? " · " : "", label, p->before[q],
		      p->after[q], change > 0 ? "+" : "", change,
		      change == 0 ? ""
		      : better    ? ", better"
				  : ", worse");
	free(label);
}

static void change_since(struct tui *t, const struct record *person, struct detail *d)
{
	struct outcomes_pair p;
	bool found = false;
	struct kerr err;
	if (outcomes_person(tui_store(t), person->id, &p, &found, &err) != K_OK || !found)
		return;
	char line[160], from[16], to[16];
	snprintf(line, sizeof line, "Since their baseline (%s to %s):", tui_date(p.baseline, from),
		 tui_date(p.follow_up, to));
	detail_paragraph(d, line, PAINT_DIM);
	struct strbuf sb = STRBUF_INIT;
	for (int q = 0; q < OUTCOMES_QUESTIONS; q++)
		one_change(&p, q, &sb);
	if (p.lonely_before >= 0 && p.lonely_after >= 0) {
		strbuf_printf(&sb, "%slonely %s → %s", sb.len ? " · " : "",
			      outcomes_lonely_label[p.lonely_before],
			      outcomes_lonely_label[p.lonely_after]);
	}
	detail_paragraph(d, strbuf_str(&sb), PAINT_GOOD);
	strbuf_free(&sb);
}

static void answer_line(const struct record *w, struct detail *d)
{
	char line[200], date[16];
	const char *lonely = "-";
	for (int i = 0; wellbeing_loneliness[i]; i++)
		if (strcmp(record_get(w, WELLBEING_LONELINESS), wellbeing_loneliness[i]) == 0)
			lonely = outcomes_lonely_label[i];
	const char *v[4];
	for (int q = 0; q < 4; q++)
		v[q] = *record_get(w, WELLBEING_LIFE_SATISFACTION + q)
			       ? record_get(w, WELLBEING_LIFE_SATISFACTION + q)
			       : "-";
	snprintf(line, sizeof line, "%-10s %-9s %4s %6s %6s %7s  %s",
		 tui_date(record_get(w, WELLBEING_DATE), date),
		 strcmp(record_get(w, WELLBEING_STAGE), "follow_up") == 0 ? "follow-up"
									  : "baseline",
		 v[0], v[1], v[2], v[3], lonely);
	detail_paragraph(d, line, PAINT_NORMAL);
}

static void wellbeing(struct tui *t, const struct record *person, struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &wellbeing_entity);
	int status = page_query_where(&q, "person_id", person->id, &err);
	q.limit = ANSWERS;
	detail_heading(d, "Wellbeing (ONS4, loneliness)");
	if (status == K_OK) /* never loaded without the person: it would list everyone's */
		status = page_load(tui_store(t), &q, &pg, &err);
	if (status != K_OK) {
		detail_paragraph(d, err.msg, PAINT_ERROR);
		return;
	}
	if (pg.n == 0)
		detail_paragraph(d, "none yet: w asks the questions", PAINT_DIM);
	else
		change_since(t, person, d);
	if (pg.n)
		detail_paragraph(d, "date       stage     life worth- happy anxious  lonely",
				 PAINT_DIM);
	for (int i = 0; i < pg.n; i++)
		answer_line(pg.row[i], d);
	page_free(&pg);
}

static void story_links(struct tui *t, const struct record *s, struct detail *d)
{
	struct story_links l;
	struct kerr err;
	if (story_links_load(tui_store(t), s->id, &l, &err) != K_OK)
		return;
	struct strbuf shows = STRBUF_INIT;
	for (int i = 0; i < l.n; i++) {
		const struct story_linked *it = &l.item[i];
		if (it->kind == STORY_LINKS)
			strbuf_printf(&shows, "%s%s", shows.len ? "; " : "", it->name);
		else if (it->kind == STORY_LINK_ACTIVITY) /* no screen of its own to follow */
			detail_field(d, "Activity", it->name);
		else
			detail_link_field(d, it->kind == STORY_LINK_PERSON ? "With" : "At",
					  it->name,
					  it->kind == STORY_LINK_PERSON ? ENTITY_PERSON
									: ENTITY_ASSET,
					  it->id);
	}
	detail_field(d, "Shows", strbuf_str(&shows));
	strbuf_free(&shows);
	story_links_free(&l);
}

static void one_story(struct tui *t, const struct record *s, struct detail *d)
{
	char line[320], date[16];
	bool share = strcmp(record_get(s, STORY_CONSENT), "1") == 0;
	bool name = strcmp(record_get(s, STORY_MAY_NAME), "1") == 0;
	snprintf(line, sizeof line, "%s · %s · %s", tui_date(record_get(s, STORY_DATE), date),
		 strcmp(record_get(s, STORY_VOICE), "own_words") == 0 ? "their own words"
								      : "a worker's account",
		 !share ? "not to be shared"
		 : name ? "may be shared, with their name"
			: "may be shared, without their name");
	detail_paragraph(d, record_get(s, STORY_TITLE), PAINT_HEADING);
	detail_paragraph(d, line, share ? PAINT_DIM : PAINT_ERROR);
	if (*record_get(s, STORY_BODY))
		detail_paragraph(d, record_get(s, STORY_BODY), PAINT_NORMAL);
	story_links(t, s, d);
}

static void stories(struct tui *t, const struct record *person, struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &story_entity);
	int status = page_query_where(&q, "person_id", person->id, &err);
	q.limit = STORIES;
	detail_heading(d, "Stories");
	if (status == K_OK) /* never loaded without the person: it would list everyone's */
		status = page_load(tui_store(t), &q, &pg, &err);
	if (status != K_OK) {
		detail_paragraph(d, err.msg, PAINT_ERROR);
		return;
	}
	for (int i = 0; i < pg.n; i++) {
		if (i)
			detail_blank(d);
		one_story(t, pg.row[i], d);
	}
	if (pg.n == 0)
		detail_paragraph(d, "none yet: o records one, in their words or yours", PAINT_DIM);
	page_free(&pg);
}

/* ---- what a story shows ---- */

/* The story being tagged, and whose it is, until the picker is closed. */
static char tagging[ID_LEN], tagging_person[ID_LEN];

static bool shows(const struct story_links *l, const char *code)
{
	for (int i = 0; i < l->n; i++)
		if (l->item[i].code && strcmp(l->item[i].code, code) == 0)
			return true;
	return false;
}

static void tag_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct story_links l;
	struct kerr err;
	if (!ok)
		return;
	int status = story_links_load(tui_store(t), tagging, &l, &err);
	bool on = status == K_OK && !shows(&l, p->value);
	story_links_free(&l);
	if (status == K_OK)
		status = story_tag(tui_store(t), tagging, p->value, on, &err);
	if (status != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	tui_react(t, R_RELOAD, tagging_person);
	tui_status(t, false, "%s: %s", on ? "Shows" : "No longer shows", p->label);
	outcomes_ask_tags(t, tagging, tagging_person);
}

void outcomes_ask_tags(struct tui *t, const char *story_id, const char *person_id)
{
	struct story_links l;
	struct kerr err;
	if (story_links_load(tui_store(t), story_id, &l, &err) != K_OK)
		return;
	if (story_id != tagging) /* asked again after a choice: the same already */
		snprintf(tagging, sizeof tagging, "%s", story_id);
	if (person_id != tagging_person)
		snprintf(tagging_person, sizeof tagging_person, "%s", person_id);
	struct picker *p = picker_new(
		"Which outcomes does it show? Enter adds or takes off, Esc ends");
	for (int i = 0; i < STORY_OUTCOMES; i++)
		picker_add(p, story_outcomes[i].label, story_outcomes[i].code,
			   shows(&l, story_outcomes[i].code) ? "✓ shows it"
							     : story_outcomes[i].source);
	story_links_free(&l);
	picker_refresh(t, p);
	p->m.done = tag_chosen;
	tui_push(t, &p->m);
}

void outcomes_section(struct tui *t, const struct record *person, struct detail *d)
{
	wellbeing(t, person, d);
	stories(t, person, d);
}
