#pragma once

#include "common/result.h"
#include "domain/definition.h"
#include "sql/sql_dialect.h"
#include "sql/sql_params.h"

#include <QDate>

#include <functional>
#include <optional>

namespace core {

// Turns a definition tree into a boolean SQL expression over one row of audience_profiles
// (alias given), for any dialect, with every value bound. The audience tables are
// audience_profiles(user_id, age_bucket, gender, country, region, interests "|a|b|",
// devices "|a|b|", first_seen, last_seen) and audience_activity(event_type, day, user_id, events).
// Behaviour windows need a pre-aggregated join each; they are appended to `joins`, to be
// placed after "FROM audience_profiles <alias>".
class DefinitionSqlBuilder
{
public:
    using SegmentResolver = std::function<std::optional<Definition>(const QString& segmentId)>;

    // asOf: the last day with data; behaviour windows end there.
    DefinitionSqlBuilder(SqlTarget target, QDate asOf, SegmentResolver resolver = {});

    Result<QString> predicate(const DefinitionNode& node, const QString& alias, SqlParams& params,
                              QStringList& joins) const;

    // For a few people (the local incremental refresh): how their behaviour windows are counted.
    struct FewPeople
    {
        QString people; // a subquery of their user_ids: the windows of audience_activity joined are theirs only
        // The rules counted per person from silver_impressions instead (by its user index: the
        // person's events, rather than the window's rows of everyone); none when empty.
        std::function<bool(const BehaviourRule&)> perPerson;
        QString rowidLimit; // per person, when given (an SQL expression): silver's rows up to that rowid
    };
    void countBehaviourOf(FewPeople fewPeople);

private:
    SqlTarget m_target;
    QDate m_asOf;
    SegmentResolver m_resolver;
    std::optional<FewPeople> m_fewPeople;

    Result<QString> build(const DefinitionNode& node, const QString& alias, SqlParams& params, QStringList& joins,
                          QStringList& segmentStack) const;
    QString condition(const DefinitionNode& node, const QString& alias, SqlParams& params) const;
    QString behaviour(const BehaviourRule& rule, const QString& alias, SqlParams& params, QStringList& joins) const;
    QString listContains(const QString& column, const QString& placeholder) const;
};

} // namespace core
