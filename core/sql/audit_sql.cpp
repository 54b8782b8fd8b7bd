#include "sql/audit_sql.h"

#include "sql/principal_sql.h"

#include "domain/segment_json.h"

namespace core {

const QString AuditSql::kColumns =
    QStringLiteral("audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, "
                   "object_version, before_json, after_json");

AuditSql::AuditSql(SqlTarget target) : m_target(std::move(target)) {}

QString AuditSql::actor(SqlParams& p, const AuditEntry& entry) const
{
    // The same expression as the version rows: the backend's own current user on Databricks and
    // PostgreSQL (never a name the client sends), the OS user bound on the local workspace.
    return PrincipalSql::actor(m_target.dialect, p, entry.actor);
}

BoundSql AuditSql::record(const AuditEntry& e) const
{
    SqlParams p;
    const auto text = [&p](const QString& value) {
        return value.isEmpty() ? p.add(QVariant()) : p.addString(value);
    };
    const auto version = [&p, this](int v) {
        return m_target.dialect == SqlDialect::Databricks
                   ? QStringLiteral("CAST(%1 AS BIGINT)").arg(p.addInt(v))
                   : p.addInt(v);
    };
    const QStringList values{p.addString(e.id),
                             p.addString(SegmentJson::formatTime(e.at)),
                             actor(p, e),
                             p.addString(e.advertiserId),
                             p.addString(e.objectKind),
                             p.addString(e.objectId),
                             p.addString(e.action),
                             version(e.version),
                             text(e.before),
                             text(e.after)};
    const QString table = m_target.table(QStringLiteral("audit_log"));
    if (m_target.dialect != SqlDialect::Databricks)
        return {QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                    .arg(table, kColumns, values.join(QStringLiteral(", "))),
                p.take()};
    QStringList source;
    QStringList sourceColumns;
    const QStringList columns = kColumns.split(QStringLiteral(", "));
    for (qsizetype i = 0; i < columns.size(); ++i) {
        source.append(QStringLiteral("%1 AS %2").arg(values.at(i), columns.at(i)));
        sourceColumns.append(QStringLiteral("s.") + columns.at(i));
    }
    const QString sql =
        QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.object_kind = s.object_kind AND "
                       "t.object_id = s.object_id AND t.object_version = s.object_version "
                       "WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
            .arg(table, source.join(QStringLiteral(", ")), kColumns,
                 sourceColumns.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql AuditSql::list(const AuditQuery& query) const
{
    SqlParams p;
    QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE 1 = 1")
                      .arg(kColumns, m_target.table(QStringLiteral("audit_log")));
    if (!query.advertiserId.isEmpty())
        sql += QStringLiteral(" AND advertiser_id = %1").arg(p.addString(query.advertiserId));
    if (!query.objectId.isEmpty())
        sql += QStringLiteral(" AND object_id = %1").arg(p.addString(query.objectId));
    sql += QStringLiteral(" ORDER BY changed_at DESC, object_version DESC, audit_id");
    if (query.limit >= 0)
        sql += QStringLiteral(" LIMIT %1").arg(query.limit); // an int from code, not user text
    return {sql, p.take()};
}

Result<QList<AuditEntry>> AuditSql::entries(qsizetype rows, const Cell& cell)
{
    QList<AuditEntry> out;
    for (qsizetype row = 0; row < rows; ++row) {
        AuditEntry e;
        e.id = cell(row, QStringLiteral("audit_id")).toString();
        e.at = SegmentJson::parseTime(cell(row, QStringLiteral("changed_at")).toString());
        if (!e.at.isValid())
            return Error::internal(QStringLiteral("An audit entry has no valid time (%1).").arg(e.id));
        e.actor = cell(row, QStringLiteral("actor")).toString();
        e.advertiserId = cell(row, QStringLiteral("advertiser_id")).toString();
        e.objectKind = cell(row, QStringLiteral("object_kind")).toString();
        e.objectId = cell(row, QStringLiteral("object_id")).toString();
        e.action = cell(row, QStringLiteral("action")).toString();
        e.version = cell(row, QStringLiteral("object_version")).toInt();
        e.before = cell(row, QStringLiteral("before_json")).toString();
        e.after = cell(row, QStringLiteral("after_json")).toString();
        out.append(std::move(e));
    }
    return out;
}

} // namespace core
