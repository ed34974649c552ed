// libpq, loaded when the first PostgreSQL database is opened (dlopen), not
// when toolcmp starts: linking it would load some twenty libraries (TLS,
// Kerberos, LDAP) into every command, and an SQLite compare is a 2 ms
// command. Private to the PostgreSQL back-end.
#pragma once

#include <libpq-fe.h>

namespace toolcmp::sql {

#define TOOLCMP_LIBPQ_FUNCTIONS(X)                                                                           \
  X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectPoll) X(PQconnectStartParams) X(PQconninfoFree)        \
  X(PQconninfoParse) X(PQdb) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQexecPrepared) X(PQfinish)       \
  X(PQfreemem) X(PQftype) X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQhost) X(PQntuples)  \
  X(PQport) X(PQprepare) X(PQputCopyData) X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus)            \
  X(PQserverVersion) X(PQsetNoticeProcessor) X(PQreset) X(PQsocket) X(PQsslInUse) X(PQstatus)                \
  X(PQtransactionStatus)

struct Libpq {
#define TOOLCMP_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
  TOOLCMP_LIBPQ_FUNCTIONS(TOOLCMP_LIBPQ_POINTER)
#undef TOOLCMP_LIBPQ_POINTER
};

// Loads libpq.so.5 once; throws Error naming the package when it is missing.
const Libpq& libpq();

}  // namespace toolcmp::sql
