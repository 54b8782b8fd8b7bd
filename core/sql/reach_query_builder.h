#pragma once

#include "sql/definition_sql_builder.h"
#include "domain/reach_estimate.h"

#include <QSqlRecord>

namespace core {

// Builds the one-pass reach query: users active in the window, those matching the whole
// definition, and for an AND root the users matching each top-level condition alone and
// cumulatively (the waterfall). Each condition is evaluated once per user.
// Result columns: active_users, reach, alone_0, cumulative_0, alone_1, cumulative_1, ...
// buildMembers() lists the people that query counts as reach, from the same per-user flags.
class ReachQueryBuilder
{
public:
    // What buildMembers() answers per member: `columns` of the member's row in `table` (alias c,
    // joined on user_id; members without a row are left out), ordered by c.user_id. An empty
    // table: the member's user_id alone.
    struct MemberRows
    {
        QString table;
        QStringList columns;
    };

    ReachQueryBuilder(SqlTarget target, QDate asOf, int windowDays, DefinitionSqlBuilder::SegmentResolver resolver = {});

    Result<BoundSql> build(const Definition& definition) const;
    // The people build() counts in "reach", one row each (column user_id, or rows.columns),
    // ordered by user_id in byte order.
    Result<BoundSql> buildMembers(const Definition& definition, const MemberRows& rows = {}) const;
    // The number of waterfall steps build() produces for this definition.
    static int stepCount(const Definition& definition);
    // Reads the row the query returns (values by column name) into an estimate; labels are
    // left empty for the caller to fill.
    ReachEstimate read(const Definition& definition, const std::function<qint64(const QString& column)>& value) const;

private:
    // Each person's 0/1 flags (one per top-level condition of an AND root, else one) and the
    // product of them that marks a member.
    struct Flags
    {
        QStringList columns;
        QString member;
    };
    Result<Flags> flags(const Definition& definition, SqlParams& params, QStringList& joins) const;

    SqlTarget m_target;
    QDate m_asOf;
    int m_windowDays;
    DefinitionSqlBuilder m_predicates;
};

} // namespace core
