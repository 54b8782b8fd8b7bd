#include "domain/audit_entry.h"

#include <QJsonDocument>
#include <QUuid>

#include "domain/experiment_json.h"
#include "domain/segment_json.h"

namespace core {

namespace {

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

AuditEntry AuditEntries::ofSegment(const std::optional<Segment>& before, const Segment& after,
                                   const QString& change)
{
    AuditEntry e;
    e.id = newId();
    e.at = after.updatedAt;
    e.actor = after.updatedBy;
    e.advertiserId = after.advertiserId;
    e.objectKind = AuditEntry::kSegment;
    e.objectId = after.id;
    e.action = change;
    e.version = after.version;
    if (before)
        e.before = compact(SegmentJson::toJson(*before));
    e.after = compact(SegmentJson::toJson(after));
    return e;
}

AuditEntry AuditEntries::ofExperiment(const std::optional<Experiment>& before, const Experiment& after,
                                      const QString& change)
{
    AuditEntry e;
    e.id = newId();
    e.at = after.updatedAt;
    e.actor = after.updatedBy;
    e.advertiserId = after.advertiserId;
    e.objectKind = AuditEntry::kExperiment;
    e.objectId = after.id;
    e.action = change;
    e.version = after.version;
    if (before)
        e.before = compact(ExperimentJson::toJson(*before));
    e.after = compact(ExperimentJson::toJson(after));
    return e;
}

} // namespace core
