#include "sql/saved_comparison_sql.h"

#include "sql/saved_comparison_rows.h"

namespace core {

SavedComparisonSql::SavedComparisonSql(SqlTarget target) : m_target(std::move(target)) {}

BoundSql SavedComparisonSql::list() const
{
    return {QStringLiteral("SELECT %1 FROM %2 ORDER BY name_key, comparison_id")
                .arg(SavedComparisonRows::kColumns, table()),
            {}};
}

BoundSql SavedComparisonSql::selectById(const QString& id) const
{
    SqlParams p;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE comparison_id = %3")
                            .arg(SavedComparisonRows::kColumns, table(), p.addString(id));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::sameName(const QString& name, const QString& exceptId) const
{
    SqlParams p;
    const QString sql =
        QStringLiteral("SELECT comparison_id, name FROM %1 WHERE name_key = %2 AND comparison_id <> %3")
            .arg(table(), p.addString(SavedComparison::nameKey(name)),
                 p.addString(exceptId.isNull() ? QStringLiteral("") : exceptId));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::insertIfNameFree(const SavedComparison& c) const
{
    SqlParams p;
    const QStringList values{
        p.addString(c.id) + QStringLiteral(" AS comparison_id"),
        p.addString(c.name.trimmed()) + QStringLiteral(" AS name"),
        p.addString(SavedComparison::nameKey(c.name)) + QStringLiteral(" AS name_key"),
        p.addString(SavedComparisonRows::segmentIdsText(c.request.segmentIds)) +
            QStringLiteral(" AS segment_ids"),
        p.add(SavedComparisonRows::dayText(c.request.range.first)) + QStringLiteral(" AS first_day"),
        p.add(SavedComparisonRows::dayText(c.request.range.last)) + QStringLiteral(" AS last_day"),
        p.add(SavedComparisonRows::timeText(c.createdAt)) + QStringLiteral(" AS created_at"),
        p.add(SavedComparisonRows::timeText(c.updatedAt)) + QStringLiteral(" AS updated_at"),
    };
    const QString columns = QStringLiteral(
        "comparison_id, name, name_key, segment_ids, first_day, last_day, created_at, updated_at");
    QStringList sourceColumns;
    for (const auto& column : columns.split(QStringLiteral(", ")))
        sourceColumns.append(QStringLiteral("s.") + column);
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2) AS s ON t.name_key = s.name_key "
                                       "WHEN NOT MATCHED THEN INSERT (%3) VALUES (%4)")
                            .arg(table(), values.join(QStringLiteral(", ")), columns,
                                 sourceColumns.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::updateById(const SavedComparison& c) const
{
    SqlParams p;
    const QString id = p.addString(c.id);
    const QStringList assignments{
        QStringLiteral("name = ") + p.addString(c.name.trimmed()),
        QStringLiteral("name_key = ") + p.addString(SavedComparison::nameKey(c.name)),
        QStringLiteral("segment_ids = ") +
            p.addString(SavedComparisonRows::segmentIdsText(c.request.segmentIds)),
        QStringLiteral("first_day = ") + p.add(SavedComparisonRows::dayText(c.request.range.first)),
        QStringLiteral("last_day = ") + p.add(SavedComparisonRows::dayText(c.request.range.last)),
        QStringLiteral("updated_at = ") + p.add(SavedComparisonRows::timeText(c.updatedAt)),
    };
    const QString sql = QStringLiteral("MERGE INTO %1 AS t USING (SELECT %2 AS comparison_id) AS s "
                                       "ON t.comparison_id = s.comparison_id WHEN MATCHED THEN UPDATE SET %3")
                            .arg(table(), id, assignments.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::deleteById(const QString& id) const
{
    SqlParams p;
    const QString sql =
        QStringLiteral("DELETE FROM %1 WHERE comparison_id = %2").arg(table(), p.addString(id));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::insert(const SavedComparison& c) const
{
    SqlParams p;
    const QStringList values{p.addString(c.id),
                             p.addString(c.name.trimmed()),
                             p.addString(SavedComparison::nameKey(c.name)),
                             p.addString(SavedComparisonRows::segmentIdsText(c.request.segmentIds)),
                             p.add(SavedComparisonRows::dayText(c.request.range.first)),
                             p.add(SavedComparisonRows::dayText(c.request.range.last)),
                             p.add(SavedComparisonRows::timeText(c.createdAt)),
                             p.add(SavedComparisonRows::timeText(c.updatedAt))};
    const QString sql = QStringLiteral("INSERT INTO %1 (comparison_id, name, name_key, segment_ids, first_day, last_day, "
                                       "created_at, updated_at) VALUES (%2)")
                            .arg(table(), values.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::updateWhereId(const SavedComparison& c) const
{
    SqlParams p;
    const QStringList assignments{
        QStringLiteral("name = ") + p.addString(c.name.trimmed()),
        QStringLiteral("name_key = ") + p.addString(SavedComparison::nameKey(c.name)),
        QStringLiteral("segment_ids = ") + p.addString(SavedComparisonRows::segmentIdsText(c.request.segmentIds)),
        QStringLiteral("first_day = ") + p.add(SavedComparisonRows::dayText(c.request.range.first)),
        QStringLiteral("last_day = ") + p.add(SavedComparisonRows::dayText(c.request.range.last)),
        QStringLiteral("updated_at = ") + p.add(SavedComparisonRows::timeText(c.updatedAt)),
    };
    const QString sql = QStringLiteral("UPDATE %1 SET %2 WHERE comparison_id = %3")
                            .arg(table(), assignments.join(QStringLiteral(", ")), p.addString(c.id));
    return {sql, p.take()};
}

BoundSql SavedComparisonSql::liveSegmentIds(const QStringList& segmentIds) const
{
    SqlParams p;
    const QString sql =
        QStringLiteral("SELECT segment_id FROM %1 WHERE deleted_at IS NULL AND segment_id IN (%2)")
            .arg(m_target.table(QStringLiteral("gold_segments")), p.addStringList(segmentIds));
    return {sql, p.take()};
}

} // namespace core
