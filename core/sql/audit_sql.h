#pragma once

#include <functional>

#include <QVariant>

#include "common/result.h"
#include "domain/audit_entry.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of the audit trail (table audit_log) per dialect, every value bound. SQLite and
// PostgreSQL insert the entry in the transaction of the change; Databricks, whose statements are
// not transactional, MERGEs it keyed by (object_kind, object_id, object_version), so a write
// repeated after a lost answer records its entry once. Who made the change is written by
// actor() alone (one place per dialect). Golden files pin the text (tests/unit/golden/audit_*.sql).
class AuditSql
{
public:
    static const QString kColumns; // the column list every SELECT of entries returns

    explicit AuditSql(SqlTarget target);

    BoundSql record(const AuditEntry& entry) const;
    // Newest first (then audit_id), filtered by the query's advertiser and object.
    BoundSql list(const AuditQuery& query) const;

    // Entries from the rows of list(): `cell` answers a row's value by column name (null for NULL).
    using Cell = std::function<QVariant(qsizetype row, const QString& name)>;
    static Result<QList<AuditEntry>> entries(qsizetype rows, const Cell& cell);

    const SqlTarget& target() const { return m_target; }

private:
    // The value written as the entry's actor: the user the change's version records.
    QString actor(SqlParams& p, const AuditEntry& entry) const;

    SqlTarget m_target;
};

} // namespace core
