/* PostgreSQL's client library, loaded when kith first talks to a hub (sync, hub init and
 * join), not at every start: libpq brings twenty libraries of its own (Kerberos, LDAP, TLS),
 * whose loading every command, and the interface's start, would otherwise pay for. Core code
 * includes this in place of <libpq-fe.h> and calls PQ functions by their own names; a public
 * function that may be first to call one calls pq_load. */
#ifndef KITH_PQ_H
#define KITH_PQ_H

#include <libpq-fe.h>

#include "kerr.h"

/* Every libpq function core calls. */
#define PQ_FUNCTIONS(X) \
	X(PQclear) \
	X(PQconnectdbParams) \
	X(PQconninfoFree) \
	X(PQconninfoParse) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQfinish) \
	X(PQfnumber) \
	X(PQfreemem) \
	X(PQgetResult) \
	X(PQgetisnull) \
	X(PQgetvalue) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQresultErrorField) \
	X(PQresultErrorMessage) \
	X(PQresultStatus) \
	X(PQsendQueryParams) \
	X(PQsocket) \
	X(PQstatus)

struct pq_api {
#define PQ_POINTER(name) __typeof__(name) *name;
	PQ_FUNCTIONS(PQ_POINTER)
#undef PQ_POINTER
};
extern struct pq_api pq_api;

/* Loads libpq once (K_OK after the first time). K_IO, saying what to install, when the
 * library is not there. */
int pq_load(struct kerr *err);

#ifndef PQ_LOADER /* pq.c fills the table by libpq's own names */
#define PQclear pq_api.PQclear
#define PQconnectdbParams pq_api.PQconnectdbParams
#define PQconninfoFree pq_api.PQconninfoFree
#define PQconninfoParse pq_api.PQconninfoParse
#define PQerrorMessage pq_api.PQerrorMessage
#define PQexec pq_api.PQexec
#define PQexecParams pq_api.PQexecParams
#define PQfinish pq_api.PQfinish
#define PQfnumber pq_api.PQfnumber
#define PQfreemem pq_api.PQfreemem
#define PQgetResult pq_api.PQgetResult
#define PQgetisnull pq_api.PQgetisnull
#define PQgetvalue pq_api.PQgetvalue
#define PQnfields pq_api.PQnfields
#define PQntuples pq_api.PQntuples
#define PQresultErrorField pq_api.PQresultErrorField
#define PQresultErrorMessage pq_api.PQresultErrorMessage
#define PQresultStatus pq_api.PQresultStatus
#define PQsendQueryParams pq_api.PQsendQueryParams
#define PQsocket pq_api.PQsocket
#define PQstatus pq_api.PQstatus
#endif

#endif
