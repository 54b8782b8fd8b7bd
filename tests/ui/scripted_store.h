#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QCoreApplication>
#include <QPromise>
#include <QTimer>

#include "backends/segment_store.h"

namespace uitest {

// A SegmentStore that forwards to a real one but lets a test fail the next write, delay
// answers, or replace the reach estimate. Results still arrive asynchronously.
class ScriptedStore final : public core::SegmentStore
{
public:
    explicit ScriptedStore(core::SegmentStore& inner) : m_inner(inner) {}

    // The next create/update/delete/restore finishes with this error instead of writing.
    void failNextWrite(core::Error error) { m_nextWriteError = std::move(error); }
    // estimateReach answers with reachFor(definition) after delayFor(definition) ms, when set.
    std::function<core::ReachEstimate(const core::Definition&)> reachFor;
    std::function<int(const core::Definition&)> delayFor;
    int reachCalls = 0;
    int writeCalls = 0;

    QString backendKind() const override { return m_inner.backendKind(); }
    QString displayName() const override { return m_inner.displayName(); }
    QFuture<core::Result<QList<core::Advertiser>>> listAdvertisers() override
    {
        return m_inner.listAdvertisers();
    }
    QFuture<core::Status> saveAdvertiser(const core::Advertiser& a) override
    {
        return m_inner.saveAdvertiser(a);
    }
    QFuture<core::Result<QList<core::Segment>>> listSegments(const core::SegmentQuery& q) override
    {
        return m_inner.listSegments(q);
    }
    QFuture<core::Result<core::Segment>> getSegment(const QString& id) override
    {
        return m_inner.getSegment(id);
    }
    QFuture<core::Result<core::Segment>> createSegment(const core::Segment& d, const core::WriteOrigin& u) override
    {
        return write([&] { return m_inner.createSegment(d, u); });
    }
    QFuture<core::Result<core::Segment>> updateSegment(const core::Segment& e, const core::WriteOrigin& u) override
    {
        return write([&] { return m_inner.updateSegment(e, u); });
    }
    QFuture<core::Result<core::Segment>> deleteSegment(const QString& id, int v, const core::WriteOrigin& u) override
    {
        return write([&] { return m_inner.deleteSegment(id, v, u); });
    }
    QFuture<core::Result<core::Segment>> restoreSegment(const QString& id, const core::WriteOrigin& u) override
    {
        return write([&] { return m_inner.restoreSegment(id, u); });
    }
    QFuture<core::Result<QList<core::SegmentVersion>>> segmentHistory(const QString& id) override
    {
        return m_inner.segmentHistory(id);
    }
    QFuture<core::Result<core::Segment>> restoreVersion(const QString& id, int v, int base, const core::WriteOrigin& u) override
    {
        return write([&] { return m_inner.restoreVersion(id, v, base, u); });
    }
    QFuture<core::Result<core::ImportOutcome>> importSegment(const core::Segment& s) override
    {
        return m_inner.importSegment(s);
    }
    QFuture<core::Result<core::ReachEstimate>> estimateReach(const core::Definition& d,
                                                             const QString& a) override
    {
        ++reachCalls;
        if (!reachFor)
            return m_inner.estimateReach(d, a);
        return later<core::ReachEstimate>(reachFor(d), delayFor ? delayFor(d) : 0);
    }
    QFuture<core::Result<QHash<QString, qint64>>> reachOfSegments(const QStringList& ids) override
    {
        return m_inner.reachOfSegments(ids);
    }

private:
    template <typename T> static QFuture<core::Result<T>> later(core::Result<T> value, int delayMs)
    {
        auto promise = std::make_shared<QPromise<core::Result<T>>>();
        promise->start();
        QTimer::singleShot(delayMs, qApp, [promise, value] {
            promise->addResult(value);
            promise->finish();
        });
        return promise->future();
    }

    template <typename F> QFuture<core::Result<core::Segment>> write(F forward)
    {
        ++writeCalls;
        if (m_nextWriteError) {
            core::Error e = *m_nextWriteError;
            m_nextWriteError.reset();
            return later<core::Segment>(core::Result<core::Segment>(e), 5);
        }
        return forward();
    }

    core::SegmentStore& m_inner;
    std::optional<core::Error> m_nextWriteError;
};

} // namespace uitest
