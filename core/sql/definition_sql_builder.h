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
// audience_profiles(user_id, age_bucket, gender, country, region, first_seen, last_seen),
// audience_interests(user_id, interest), audience_devices(user_id, device) and
// audience_activity(user_id, day, event_type, events).
class DefinitionSqlBuilder
{
public:
    using SegmentResolver = std::function<std::optional<Definition>(const QString& segmentId)>;

    // asOf: the last day with data; behaviour windows end there.
    DefinitionSqlBuilder(SqlTarget target, QDate asOf, SegmentResolver resolver = {});

    Result<QString> predicate(const DefinitionNode& node, const QString& alias, SqlParams& params) const;

private:
    SqlTarget m_target;
    QDate m_asOf;
    SegmentResolver m_resolver;

    Result<QString> build(const DefinitionNode& node, const QString& alias, SqlParams& params,
                          QStringList& segmentStack) const;
    QString condition(const DefinitionNode& node, const QString& alias, SqlParams& params) const;
    QString behaviour(const BehaviourRule& rule, const QString& alias, SqlParams& params) const;
};

} // namespace core
