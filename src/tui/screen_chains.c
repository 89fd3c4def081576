/* Chain browsers. Through an asset: two trees, where people came from before it and where
 * they went after it, hop by hop, each branch with how many people took it; a branch's
 * last hop lists those people. For a person: their referrals in date order. Both are tree
 * popups (treeview.c) whose lines open the asset, person or referral they name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "record.h"
#include "screen_network.h"
#include "treeview.h"
#include "xalloc.h"

/* People listed under one branch; more are counted, not listed. */
#define PEOPLE_SHOWN 100

static char *person_name(struct tui *t, const char *id)
{
	struct record *rec = NULL;
	struct kerr err;
	char *name = NULL;
	if (entity_load(tui_store(t), entity_get(ENTITY_PERSON), id, &rec, &err) == K_OK)
		name = xstrdup(record_display(rec));
	record_free(rec);
	return name ? name : xstrdup("(deleted person)");
}

static void add_people(struct tui *t, struct treeview *tv, int under, const struct chain_tree *tree,
		       const struct chain_node *node)
{
	for (int i = 0; i < node->nperson && i < PEOPLE_SHOWN; i++) {
		const char *id = tree->person_id[node->person[i]];
		char *name = person_name(t, id);
		treeview_add(tv, under, name, NULL, ENTITY_PERSON, id);
		free(name);
	}
	if (node->nperson > PEOPLE_SHOWN) {
		char more[64];
		snprintf(more, sizeof more, "and %d more", node->nperson - PEOPLE_SHOWN);
		treeview_add(tv, under, more, NULL, ENTITY_COUNT, NULL);
	}
}

/* One way's branches under a section heading; tree nodes come parents first. */
static void add_branches(struct tui *t, struct treeview *tv, int heading,
			 const struct chain_tree *tree, const char *none)
{
	int *item = xcalloc((size_t)tree->n + 1, sizeof *item);
	item[0] = heading;
	for (int i = 1; i < tree->n; i++) {
		const struct chain_node *node = &tree->node[i];
		char note[40], folded[80];
		snprintf(note, sizeof note, "%d %s", node->people,
			 node->people == 1 ? "person" : "people");
		if (node->folded) {
			/* a person may have been at several of them: the people are not a sum */
			snprintf(folded, sizeof folded, "and %d other %s, fewer people each",
				 node->folded, node->folded == 1 ? "asset" : "assets");
			snprintf(note, sizeof note, "%d %s in all", node->people,
				 node->people == 1 ? "person" : "people");
			item[i] = treeview_add(tv, item[node->parent], folded, note, ENTITY_COUNT,
					       NULL);
			continue;
		}
		item[i] = treeview_add(tv, item[node->parent], node->name, note, ENTITY_ASSET,
				       node->asset_id);
		bool leaf = i + 1 >= tree->n || tree->node[i + 1].parent != i;
		if (leaf)
			add_people(t, tv, item[i], tree, node);
	}
	if (tree->n <= 1)
		treeview_add(tv, heading, none, NULL, ENTITY_COUNT, NULL);
	free(item);
}

void network_chains(struct tui *t, const char *asset_id, const char *name, const char *since,
		    const char *until)
{
	struct chain_tree up, down;
	struct kerr err;
	tui_status(t, false, "Reading the journeys through %s…", name);
	tui_show_now(t);
	if (chain_asset(tui_store(t), asset_id, CHAIN_DEPTH, CHAIN_BRANCHES, since, until, &up,
			&down, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char title[240], summary[300], from[16], to[16];
	int people = up.n ? up.node[0].people : 0;
	snprintf(title, sizeof title, "Journeys through %s", name);
	/* the referrals first: they are what the Network table counts for it */
	snprintf(summary, sizeof summary, "%d %s to it, %d from it, of %d %s, %s to %s",
		 up.referrals, up.referrals == 1 ? "referral" : "referrals", down.referrals, people,
		 people == 1 ? "person" : "people", tui_date(since, from), tui_date(until, to));
	struct treeview *tv = treeview_new(title, summary);
	tui_status(t, false, "%s", ""); /* read: "Reading…" is no longer true */
	if (people == 0) {
		tv->empty = xstrdup("No one was referred to or from it in this period.");
		chain_tree_free(&up);
		chain_tree_free(&down);
		tui_push(t, &tv->m);
		return;
	}
	char heading[160];
	snprintf(heading, sizeof heading, "Came from, before it: where %d of the %d had been",
		 up.moved, people);
	int h = treeview_add(tv, -1, heading, NULL, ENTITY_COUNT, NULL);
	treeview_heading(tv, h);
	add_branches(t, tv, h, &up, "nobody came from another asset: it was their first");
	snprintf(heading, sizeof heading, "Went on to, after it: where %d of the %d went next",
		 down.moved, people);
	h = treeview_add(tv, -1, heading, NULL, ENTITY_COUNT, NULL);
	treeview_heading(tv, h);
	add_branches(t, tv, h, &down, "nobody went on from it to another asset yet");
	chain_tree_free(&up);
	chain_tree_free(&down);
	tv->sel = 1; /* the first branch, under its heading */
	tui_push(t, &tv->m);
}

void network_journey(struct tui *t, const char *person_id, const char *name)
{
	struct chain c;
	struct kerr err;
	if (chain_person(tui_store(t), person_id, &c, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char title[240], summary[200], first[16], last[16];
	snprintf(title, sizeof title, "%s's journey", name);
	if (c.n == 1)
		snprintf(summary, sizeof summary, "1 referral, on %s",
			 tui_date(c.step[0].date, first));
	else if (c.n)
		snprintf(summary, sizeof summary, "%d referrals, %s to %s", c.n,
			 tui_date(c.step[0].date, first), tui_date(c.step[c.n - 1].date, last));
	else
		snprintf(summary, sizeof summary,
			 "No referrals yet: r refers, signposts or introduces.");
	struct treeview *tv = treeview_new(title, summary);
	for (int i = 0; i < c.n; i++) {
		const struct chain_step *st = &c.step[i];
		char text[400], note[80], date[16];
		char *status = entity_choice_label(st->status);
		snprintf(text, sizeof text, "%s  %s → %s", tui_date(st->date, date), st->from_name,
			 st->to_name);
		snprintf(note, sizeof note, "%s · %s", st->kind, status);
		treeview_add(tv, -1, text, note, ENTITY_REFERRAL, st->referral_id);
		free(status);
	}
	chain_free(&c);
	tui_push(t, &tv->m);
}
