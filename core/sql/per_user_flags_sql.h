#pragma once

#include <QStringList>

#include "sql/sql_dialect.h"

namespace core {

// The shape shared by the reach and overlap queries: one row per user of audience_profiles
// (alias p) last seen on or after activeSince, carrying 0/1 flag columns, summed by the aggregates.
// SQLite and PostgreSQL would inline a plain subquery and evaluate every condition once per
// aggregate that uses it: SQLite gets co-routines it cannot flatten, PostgreSQL a materialised
// CTE, so each is evaluated once per person. Databricks gets a plain subquery.
class PerUserFlagsSql
{
public:
    // "CASE WHEN <predicate> THEN 1 ELSE 0 END AS <name>"
    static QString flag(const QString& predicate, const QString& name);
    // `laterFlags` (SQLite and PostgreSQL only) are computed on the flag rows, after the flags:
    // they may name the flags and f.user_id, so a costly test can be asked of the members alone
    // ("CASE WHEN f.m0 = 1 AND EXISTS (...)"), not of every person. `keep` (may be empty), over
    // the flags' names, is the rows the aggregates need: the others are neither given the later
    // flags nor summed. `alsoWhere` (may be empty) is one more condition on the people (alias p),
    // e.g. the part of them one of several parallel reads takes.
    static QString build(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                         const QString& activeSincePlaceholder, const QStringList& aggregates,
                         const QStringList& laterFlags = {}, const QString& keep = {},
                         const QString& alsoWhere = {});
    // The same per-user rows, with p.user_id, kept where `memberTest` (an expression over the
    // flags, e.g. "f0*f1") is 1: `select` FROM flags [join] WHERE memberTest = 1 ORDER BY `orderBy`
    // (byte order in every dialect: COLLATE "C" on PostgreSQL). `join` is appended after
    // "FROM flags" (may be empty) and may name flags.user_id.
    static QString members(const SqlTarget& target, const QStringList& flags, const QStringList& joins,
                           const QString& activeSincePlaceholder, const QString& memberTest,
                           const QString& select, const QString& join, const QString& orderBy);
};

} // namespace core
