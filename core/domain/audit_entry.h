#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>

#include "domain/experiment.h"
#include "domain/segment.h"

namespace core {

// One change of the audit trail (table audit_log): who changed what, when, and the object as
// it was before and after, as JSON (SegmentJson / ExperimentJson; empty when there is no side,
// e.g. before a creation). Written by the backend in the same transaction as the change (on
// Databricks right after it, keyed so a repeated write records it once). A plain value.
struct AuditEntry
{
    QString id;           // UUID without braces
    QDateTime at;         // UTC, millisecond precision
    QString actor;        // who made the change (the same user the object's version records)
    QString advertiserId; // the object's advertiser
    QString objectKind;   // "segment", "experiment" (kSegment, kExperiment)
    QString objectId;
    QString action;  // the version's change: "created", "updated", "deleted", "restored", "reverted", ...
    int version = 0; // the object's version after the change
    QString before;  // compact JSON, empty when none
    QString after;   // compact JSON, empty when none

    static inline const QString kSegment = QStringLiteral("segment");
    static inline const QString kExperiment = QStringLiteral("experiment");

    bool operator==(const AuditEntry&) const = default;
};

// Which entries to list: all, one advertiser's, one object's (both may be set), newest first.
struct AuditQuery
{
    QString advertiserId; // empty: every advertiser
    QString objectId;     // empty: every object
    int limit = 500;      // at most this many (the newest)
};

// Makes the audit entry of a prepared change: who and when from the object's updated_by and
// updated_at, what from its id, version and change, before/after as JSON.
class AuditEntries
{
public:
    static AuditEntry ofSegment(const std::optional<Segment>& before, const Segment& after,
                                const QString& change);
    static AuditEntry ofExperiment(const std::optional<Experiment>& before, const Experiment& after,
                                   const QString& change);
};

} // namespace core
