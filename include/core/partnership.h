/* Partnerships between groups and organisations (assets): the register (name, purpose,
 * since, status), who the partners are, and the partnership network of a period: assets
 * joined when they are partners in the same partnership, with its figures. A coordinator's
 * to write; anyone logged in reads them. */
#ifndef KITH_PARTNERSHIP_H
#define KITH_PARTNERSHIP_H

#include "date.h"
#include "entity.h"
#include "id.h"

struct store;

enum partnership_field {
	PARTNERSHIP_NAME,
	PARTNERSHIP_PURPOSE,
	PARTNERSHIP_SINCE,
	PARTNERSHIP_STATUS,
	PARTNERSHIP_ENDED,
	PARTNERSHIP_NOTES,
	PARTNERSHIP_NFIELDS
};

extern const struct entity_def partnership_entity;

/* partnership and asset are what someone typed (an id, its start, or a name). The asset
 * becomes a partner (K_DUPLICATE when it is one), or stops being one (K_NOT_FOUND when it
 * is not). One transaction each; coordinators only. */
int partnership_join(struct store *st, const char *partnership, const char *asset,
		     struct kerr *err);
int partnership_leave(struct store *st, const char *partnership, const char *asset,
		      struct kerr *err);

struct partner {
	char asset_id[ID_LEN];
	char *name;
	char *category;
};
struct partner_list {
	struct partner *item;
	int n;
};
/* A partnership's partners the reader may see, by name. *out is the caller's. */
int partnership_partners(struct store *st, const char *partnership_id, struct partner_list *out,
			 struct kerr *err);
void partnership_partners_free(struct partner_list *l);

/* ---- the partnership network of a period (partnership_net.c) ---- */

/* A partnership counts in a period when it was established by its end (status active or
 * ended, not forming) and had not ended before its start. */
struct partnership_figures {
	int partnerships;  /* counting in the period */
	int started;       /* established (since) within it */
	int ended;         /* ended within it */
	int forming;       /* being formed at its end: not yet counted */
	int organisations; /* groups and institutions (association and institution assets) */
	int in_none;       /* of those, partners in no partnership counting */
	int partners;      /* assets partners in one or more: the network's nodes */
	int links;         /* pairs of them partners together */
	int components;    /* separate parts of that network */
	int largest;       /* assets in the largest part */
	double density;    /* links as a share of all the pairs there could be */
};
int partnership_figures(struct store *st, const char *from, const char *to,
			struct partnership_figures *out, struct kerr *err);

/* One row of the register: every partnership established or forming by `to`. */
struct partnership_row {
	char id[ID_LEN];
	char *name, *purpose, *status;
	char since[DATE_LEN], ended[DATE_LEN];
	int partners;
};
struct partnership_register {
	struct partnership_row *row;
	int n;
};
/* The register up to `to` ("" for all), oldest first. *out is the caller's. */
int partnership_register(struct store *st, const char *to, struct partnership_register *out,
			 struct kerr *err);
void partnership_register_free(struct partnership_register *r);

#endif
