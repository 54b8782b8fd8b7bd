#pragma once

#include <QSqlDatabase>

#include "common/result.h"

namespace core {

// Application-defined SQL functions on a workspace connection: the SQLite spelling of the
// pipeline's costly primitives (core/sql/pipeline_sql.cpp), so the SQL stays the one description
// and only the primitive changes per dialect. Installing again replaces them (harmless).
//
//   sb_contains(text, needle)        1 when needle occurs in text (bytes), 0 otherwise, NULL for
//                                    NULL: `instr(text, needle) > 0` (what a list condition asks
//                                    of "|a|b|" columns), found with memmem
//   sb_only_characters(text, class)  1 when every character of text is in class ("a-z0-9_.|":
//                                    ASCII characters and ranges), 0 otherwise, NULL for NULL;
//                                    what `text NOT GLOB '*[^class]*'` says, without backtracking
//   sb_utc_time(text)                ISO 8601 date and time ('T' or space, optional fraction,
//                                    optional 'Z' or ±HH:MM up to 14:59) as the UTC time
//                                    'YYYY-MM-DDTHH:MM:SSZ' (fraction truncated), as SQLite's
//                                    strftime() gives it; NULL for anything else, including days
//                                    and times that do not exist (hour 24 among them)
//   sb_growthbook_bucket(seed, user)  GrowthBook's hash v2 bucket, 0–9999, of seed + user
//                                    (ExperimentAssignment::bucket over the UTF-16 code units of
//                                    the UTF-8 texts): what experiments' assignments are computed
//                                    with (ExperimentSql); NULL for NULL
//   sb_sums_by(k1, k2, v1, ..., vN)  an aggregate: the sums of v1..vN per distinct (k1, k2) as
//                                    the JSON text [[k1, k2, s1, ..., sN], ...] ordered by the
//                                    keys (compared as text); a column sums as an integer unless a
//                                    REAL was seen in it; NULL values count 0. The hash aggregation
//                                    SQLite lacks: GROUP BY sorts every input row, which was most
//                                    of an experiment's results for a million members; json_each
//                                    turns the text back into rows.
//   sb_list_of(value)                an aggregate: the distinct non-NULL values as the list
//                                    "|a|b|" in byte order; NULL when there is none (what
//                                    PostgreSQL's string_agg(DISTINCT .. ORDER BY) gives)
//   sb_list_union(list, list)        the distinct items of two "|a|b|" lists as one such list in
//                                    byte order ("|" when none); NULL when both are NULL
// Every workspace connection has them (SqliteExecutor installs them when it opens the file).
class SqliteFunctions
{
public:
    static Status install(QSqlDatabase& db);
    // sb_utc_time's conversion for code that normalises without SQL (SqliteNativeStaging): the
    // text (trimmed of spaces) as the UTC time in out, false when it is not an ISO 8601 time.
    static bool utcTime(const unsigned char* text, int length, char (&out)[32]);
};

} // namespace core
