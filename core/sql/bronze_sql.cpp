#include "sql/bronze_sql.h"

namespace core {

QStringList BronzeSql::landingColumns()
{
    return bronzeEventColumns() + QStringList{QStringLiteral("source_file"), QStringLiteral("source_line"),
                                              QStringLiteral("ingest_batch")};
}

BronzeSql::BronzeSql(SqlTarget target) : m_target(std::move(target)) {}

BoundSql BronzeSql::insert(const QString& batchId, const QString& sourceFile,
                           const QList<BronzeRecord>& records) const
{
    // PostgreSQL: the time the import's transaction began, so every chunk of a batch has the same.
    const QString ingestTime = m_target.dialect == SqlDialect::Postgres ? QStringLiteral("now()")
                                                                       : QStringLiteral("current_timestamp()");
    SqlParams p;
    const QString file = p.addString(sourceFile);
    const QString batch = p.addString(batchId);
    QStringList rows;
    for (const auto& record : records) {
        QStringList values;
        for (const auto& v : record.values)
            values.append(p.addString(v));
        values << file << QStringLiteral("CAST(%1 AS BIGINT)").arg(p.addInt(record.line)) << batch
               << ingestTime;
        rows.append(QLatin1Char('(') + values.join(QStringLiteral(", ")) + QLatin1Char(')'));
    }
    const QString sql =
        QStringLiteral("INSERT INTO %1 (%2, ingest_time) VALUES %3")
            .arg(m_target.table(QStringLiteral("bronze_impressions")),
                 landingColumns().join(QStringLiteral(", ")), rows.join(QStringLiteral(", ")));
    return {sql, p.take()};
}

QString BronzeSql::sqliteRowInsert()
{
    const QStringList columns = landingColumns() << QStringLiteral("ingest_time");
    return QStringLiteral("INSERT INTO bronze_impressions (%1) VALUES (%2)")
        .arg(columns.join(QStringLiteral(", ")), QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
}

QString BronzeSql::copyInto(const QString& path) const
{
    QStringList select = bronzeEventColumns();
    select << QStringLiteral("source_file") << QStringLiteral("CAST(source_line AS BIGINT) AS source_line")
           << QStringLiteral("ingest_batch") << QStringLiteral("current_timestamp() AS ingest_time");
    QString literal = path;
    literal.replace(QLatin1Char('\''), QString()); // never part of a path the app builds
    return QStringLiteral("COPY INTO %1 FROM (SELECT %2 FROM '%3') FILEFORMAT = CSV "
                          "FORMAT_OPTIONS ('header' = 'true', 'multiLine' = 'true', 'escape' = '\"', "
                          "'inferSchema' = 'false') COPY_OPTIONS ('mergeSchema' = 'false')")
        .arg(m_target.table(QStringLiteral("bronze_impressions")), select.join(QStringLiteral(", ")),
             literal);
}

} // namespace core
