#pragma once

#include <functional>

#include <QList>
#include <QStringList>
#include <QVariant>

#include "common/result.h"
#include "domain/customer_identifiers.h"
#include "sql/reach_query_builder.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of who is in a segment and who those people are, per dialect, every value bound:
// the members of the audience a reach counts (ReachQueryBuilder::buildMembers, the same per-user
// flags), their rows of customer_identifiers, and the statements of an identifiers import on the
// backends that store one (SQLite, PostgreSQL; on Databricks the data engineers fill the table).
// customer_identifiers: user_id (key) and nine text columns, NULL for unknown; birth_date is a
// date (text YYYY-MM-DD in SQLite). Golden files: tests/unit/golden/audience_<dialect>.sql.
class AudienceSql
{
public:
    // Rows per upsert statement. The rows travel as one JSON parameter (SQLite's json_each,
    // PostgreSQL's jsonb_to_recordset): a statement of thousands of named parameters costs SQLite
    // time quadratic in their number.
    static constexpr int kRowsPerUpsert = 5000;

    explicit AudienceSql(SqlTarget target) : m_target(std::move(target)) {}

    // The columns of customer_identifiers, user_id first, in CustomerIdentifiers' order.
    static const QStringList& identifierColumns();

    // The members' user_ids (column user_id), in byte order.
    Result<BoundSql> members(const ReachQueryBuilder& reach, const Definition& definition) const;
    // The members' customer_identifiers rows (identifierColumns()), by user_id; members without
    // a row are left out.
    Result<BoundSql> memberIdentifiers(const ReachQueryBuilder& reach, const Definition& definition) const;
    // Rows in customer_identifiers: column n.
    BoundSql count() const;
    // How many of these users have a row: column n (the ids bound as one JSON array; SQLite and
    // PostgreSQL).
    BoundSql countExisting(const QStringList& userIds) const;
    // Inserts the rows, replacing a user's existing row (SQLite and PostgreSQL): bound as one JSON
    // array of objects keyed by column. The rows' user_ids must be distinct, at most
    // kRowsPerUpsert of them; empty values are stored as NULL.
    BoundSql upsert(const QList<CustomerIdentifiers>& rows) const;

    // One row read back by column name (SQL NULL and a missing column read as empty).
    static CustomerIdentifiers read(const std::function<QVariant(const QString& column)>& value);

    const SqlTarget& target() const { return m_target; }

private:
    SqlTarget m_target;
    QString table() const { return m_target.table(QStringLiteral("customer_identifiers")); }
};

} // namespace core
