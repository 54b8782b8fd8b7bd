#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "common/result.h"
#include "domain/experiment.h"

namespace core {

// The JSON form of experiments (segctl experiments show/list --format json, the stored arms):
//   {"experiment_id", "segment_id", "advertiser_id", "name", "key", "seed" (null: the key),
//    "arms": [{"name": "control", "weight": 50}, ...], "holdout_percent", "start_date",
//    "end_date" (null: open), "primary_metric", "status", "version", "created_by", "created_at",
//    "updated_by", "updated_at"}   (dates YYYY-MM-DD, times ISO 8601 UTC with milliseconds)
class ExperimentJson
{
public:
    static QJsonObject toJson(const Experiment& experiment);
    // toJson's form read back (the outbox keeps experiment changes so); a Parse error names the
    // first field that is missing or of the wrong type.
    static Result<Experiment> fromJson(const QJsonObject& object);

    // The arms as stored: a compact JSON array [{"name":"control","weight":50},...].
    static QString armsToText(const QList<ExperimentArm>& arms);
    static Result<QList<ExperimentArm>> armsFromText(const QString& text);
};

} // namespace core
