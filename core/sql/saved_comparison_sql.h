#pragma once

#include "domain/saved_comparison.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

namespace core {

// The SQL of saved comparisons in a shared warehouse (Databricks: `<catalog>.<schema>.
// saved_comparisons`), every value bound. Names are unique by name_key (trimmed, case-folded):
// a create is a MERGE on name_key that inserts nothing when the name is taken; updates and
// deletes go by comparison id and report 0 affected rows for an unknown id.
class SavedComparisonSql
{
public:
    explicit SavedComparisonSql(SqlTarget target);

    BoundSql list() const; // by name_key, then id
    BoundSql selectById(const QString& id) const;
    // The comparisons called `name` ignoring case, other than `exceptId`.
    BoundSql sameName(const QString& name, const QString& exceptId) const;
    // Inserts the comparison unless a comparison has its name (0 affected rows then).
    BoundSql insertIfNameFree(const SavedComparison& comparison) const;
    // Writes name, segments, range and updated_at of comparison.id (0 affected rows if unknown).
    BoundSql updateById(const SavedComparison& comparison) const;
    BoundSql deleteById(const QString& id) const;
    // Plain statements for the backends that write in transactions (SQLite, PostgreSQL): the
    // database's unique index on name_key refuses a taken name.
    BoundSql insert(const SavedComparison& comparison) const;
    BoundSql updateWhereId(const SavedComparison& comparison) const;
    // The ids among `segmentIds` of segments that exist and are not deleted.
    BoundSql liveSegmentIds(const QStringList& segmentIds) const;

private:
    SqlTarget m_target;
    QString table() const { return m_target.table(QStringLiteral("saved_comparisons")); }
};

} // namespace core
