#pragma once

#include "sql/definition_sql_builder.h"
#include "domain/reach_estimate.h"

#include <QSqlRecord>

namespace core {

// Builds the one-pass reach query: users active in the window, those matching the whole
// definition, and for an AND root the users matching each top-level condition alone and
// cumulatively (the waterfall). Each condition is evaluated once per user.
// Result columns: active_users, reach, alone_0, cumulative_0, alone_1, cumulative_1, ...
class ReachQueryBuilder
{
public:
    ReachQueryBuilder(SqlTarget target, QDate asOf, int windowDays, DefinitionSqlBuilder::SegmentResolver resolver = {});

    Result<BoundSql> build(const Definition& definition) const;
    // The number of waterfall steps build() produces for this definition.
    static int stepCount(const Definition& definition);
    // Reads the row the query returns (values by column name) into an estimate; labels are
    // left empty for the caller to fill.
    ReachEstimate read(const Definition& definition, const std::function<qint64(const QString& column)>& value) const;

private:
    SqlTarget m_target;
    QDate m_asOf;
    int m_windowDays;
    DefinitionSqlBuilder m_predicates;
};

} // namespace core
