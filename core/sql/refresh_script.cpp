#include "sql/refresh_script.h"

#include <QRegularExpression>

namespace core {

namespace {

constexpr int kValuesPerInsert = 200;

} // namespace

RefreshScript RefreshScript::render(const QList<PipelineStatement>& statements, QDate asOf,
                                    const SqlTarget& target)
{
    RefreshScript script;
    const QString values = target.table(QStringLiteral("pipeline_job_values"));
    const QString lastDay = QStringLiteral("(SELECT MAX(a.last_seen) FROM %1 a)")
                                .arg(target.table(QStringLiteral("audience_profiles")));
    static const QRegularExpression marker(QStringLiteral(":(p[0-9]+)(?![A-Za-z0-9_])"));
    QStringList texts;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const BoundSql& bound = statements.at(i).sql;
        QHash<QString, SqlParam> params;
        for (const auto& p : bound.params)
            params.insert(p.name, p);
        QString text;
        qsizetype from = 0;
        for (auto it = marker.globalMatch(bound.sql); it.hasNext();) {
            const auto m = it.next();
            text += bound.sql.mid(from, m.capturedStart() - from);
            from = m.capturedEnd();
            const SqlParam p = params.value(m.captured(1));
            const QString lookup =
                QStringLiteral("(SELECT v.value FROM %1 v WHERE v.statement_no = %2 AND v.name = '%3')")
                    .arg(values)
                    .arg(number)
                    .arg(p.name);
            switch (p.type) {
            case SqlParam::Type::String:
                text += lookup;
                break;
            case SqlParam::Type::Int:
                text += QStringLiteral("CAST(%1 AS BIGINT)").arg(lookup);
                break;
            case SqlParam::Type::Date:
                text += QStringLiteral("date_add(%1, CAST(%2 AS INT))").arg(lastDay, lookup);
                break;
            }
        }
        text += bound.sql.mid(from);
        // The step names a segment by id; keep the comment to plain characters whatever the id holds.
        QString step = statements.at(i).step;
        static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9 ._()-]"));
        step.replace(unsafe, QStringLiteral("?"));
        texts.append(QStringLiteral("-- %1. %2\n").arg(number).arg(step) + text);
        for (const auto& p : bound.params) {
            const QString value =
                p.type == SqlParam::Type::Date
                    ? QString::number(asOf.daysTo(QDate::fromString(p.value.toString(), Qt::ISODate)))
                    : p.value.toString();
            script.values.append({number, p.name, value});
        }
    }
    script.text = texts.join(QStringLiteral(";\n\n")) + QStringLiteral(";\n");
    return script;
}

QList<BoundSql> RefreshScript::storeValues(const SqlTarget& target) const
{
    const QString table = target.table(QStringLiteral("pipeline_job_values"));
    QList<BoundSql> out{{QStringLiteral("DELETE FROM %1").arg(table), {}}};
    for (qsizetype start = 0; start < values.size(); start += kValuesPerInsert) {
        SqlParams p;
        QStringList rows;
        for (qsizetype i = start; i < std::min(values.size(), start + kValuesPerInsert); ++i) {
            const Value& v = values.at(i);
            rows.append(QStringLiteral("(CAST(%1 AS BIGINT), %2, %3)")
                            .arg(p.addInt(v.statement), p.addString(v.name), p.addString(v.value)));
        }
        out.append({QStringLiteral("INSERT INTO %1 (statement_no, name, value) VALUES %2")
                        .arg(table, rows.join(QStringLiteral(", "))),
                    p.take()});
    }
    return out;
}

} // namespace core
