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
};

// Reads an AudienceSource from the workspace: AudienceStore::members(), then memberIdentifiers().
// The continuations run on context's thread (the store's); the future finishes exactly once.
QFuture<Result<AudienceSource>> readAudienceSource(AudienceStore& store, const QString& segmentId, QObject* context);

} // namespace core
