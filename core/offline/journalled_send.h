#pragma once

#include "common/result.h"
#include "domain/write_origin.h"
#include "logging/logging.h"
#include "offline/outbox.h"

#include <spdlog/spdlog.h>

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <functional>

namespace core {

// True for the errors that mean "the backend could not be reached" (Network, Timeout): a write
// that fails so goes to the outbox; validation, conflicts and permissions never do.
bool isUnreachable(const Error& error);

// Who sends a change from the outbox, with its key (the same on every attempt); with an outbox id,
// each Databricks statement's id is kept with the change as it is accepted (Outbox::markSending).
inline WriteOrigin outboxOrigin(Outbox* outbox, const OutboxChange& change, qint64 id)
{
    WriteOrigin origin{change.user, change.key};
    if (id > 0)
        origin.statementSent = [box = QPointer<Outbox>(outbox), id](const QString& statement) {
            if (box)
                box->markSending(id, statement);
        };
    return origin;
}

// How a change of type T (Segment, Experiment) is sent straight to a shared workspace that answered
// a moment ago, by the outbox stores (OutboxSegmentStore, OutboxExperimentStore):
//  - written down first (Outbox::journal), with each Databricks statement's id as it is accepted,
//    so that if the app dies before the answer the next start asks what became of it;
//  - answered: removed from the outbox and `applied` is told (to refresh the read cache);
//  - no answer (unreachable, or dropped as the app shuts down): it may or may not have landed; it is
//    parked for the replay, which finds out before sending again, and answered with `expected`;
//  - refused: removed, and the refusal is the answer (the user sees it now).
// When the outbox file cannot be written the change still goes, and without an answer it is queued.
template <typename T>
struct JournalledSend
{
    Outbox* outbox = nullptr;
    QObject* context = nullptr; // continuations run in its thread
    std::function<QFuture<Result<T>>(const WriteOrigin&)> call;
    std::function<void(const T&)> applied;
    std::function<Result<T>(const OutboxChange&)> queue;   // enqueue and answer what it will be
    std::function<T(const OutboxChange&)> expected;        // what a parked change will make

    QFuture<Result<T>> operator()(OutboxChange change) const
    {
        auto journalled = outbox->journal(change);
        if (!journalled)
            logging::logger("offline")->warn("outbox journal: {}", journalled.error().toString().toStdString());
        const qint64 id = journalled ? journalled.value().id : 0;
        const WriteOrigin origin = outboxOrigin(outbox, change, id);
        const OutboxChange stored = journalled ? journalled.value() : change;
        const JournalledSend self = *this;
        return call(origin).then(context, [self, change, stored, id](Result<T> r) -> Result<T> {
            if (r) {
                if (id > 0)
                    self.outbox->remove(id, r.value().version);
                self.applied(r.value());
                return r;
            }
            if (isUnreachable(r.error()) || r.error().kind == ErrorKind::Cancelled) {
                if (id == 0)
                    return self.queue(change);
                if (Status parked = self.outbox->park(id, r.error().userMessage); !parked)
                    return parked.error();
                logging::logger("offline")->info("outbox change {} got no answer: it waits for the sync", id);
                return self.expected(stored);
            }
            if (id > 0)
                self.outbox->remove(id);
            return r;
        });
    }
};

} // namespace core
