#include "databricks/statement/statement_request.h"

namespace core {

StatementRequest StatementRequest::of(const BoundSql& bound, const QString& catalog, const QString& schema,
                                      const QString& what)
{
    StatementRequest request;
    request.sql = bound.sql;
    request.params = bound.params;
    request.catalog = catalog;
    request.schema = schema;
    request.what = what;
    return request;
}

int StatementResult::column(const QString& name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return i;
    }
    return -1;
}

QVariant StatementResult::value(qsizetype row, const QString& name) const
{
    const int c = column(name);
    if (c < 0 || row < 0 || row >= rows.size() || c >= rows.at(row).size())
        return {};
    return rows.at(row).at(c);
}

qint64 StatementResult::affectedRows() const
{
    if (column(QStringLiteral("num_affected_rows")) < 0 || rows.isEmpty())
        return -1;
    return value(0, QStringLiteral("num_affected_rows")).toLongLong();
}

} // namespace core
