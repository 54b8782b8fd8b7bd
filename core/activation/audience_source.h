#pragma once

#include "common/result.h"
#include "domain/customer_identifiers.h"

#include <QFuture>
#include <QList>
#include <QString>

class QObject;

namespace core {

class AudienceStore;

// What a segment's activation starts from: how many people it has (its reach) and the
// customer_identifiers rows of those who have one. The pre-flight, the audience file and a
// platform sync are all made from it, so they agree.
struct AudienceSource
{
    QString segmentId;
    qint64 members = 0;
    QList<CustomerIdentifiers> people; // sorted by user_id
    QStringList memberIds;             // sorted; members == memberIds.size()
    QString arm;                       // empty: the whole segment; else the experiment arm it was cut to
};

struct Experiment;

// One arm of an experiment on the segment as its own audience (issue 17: activate the arms): the
// members the experiment's GrowthBook-compatible assignment puts in `arm`, with their
// identifiers. arm is an arm's name or "holdout" (the people no arm covers). Errors: the
// experiment is on another segment, or no arm has that name (the message lists them).
Result<AudienceSource> audienceOfArm(const AudienceSource& segment, const Experiment& experiment, const QString& arm);

// Reads an AudienceSource from the workspace: AudienceStore::members(), then memberIdentifiers().
// The continuations run on context's thread (the store's); the future finishes exactly once.
QFuture<Result<AudienceSource>> readAudienceSource(AudienceStore& store, const QString& segmentId, QObject* context);

} // namespace core
