#pragma once

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>

#include "common/error.h"
#include "domain/segment.h"

namespace core {
class SegmentStore;
}

namespace ui {

// Reads advertisers, segment lists and segment reach from the store without blocking.
// A listing that a newer one replaced is dropped. busyChanged reports whether anything is
// in flight.
class WorkspaceLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceLoader)

public:
    explicit WorkspaceLoader(core::SegmentStore& store, QObject* parent = nullptr);

    bool isBusy() const { return m_inFlight > 0; }

public slots:
    void loadAdvertisers();
    // Every segment of the advertiser, deleted ones included, then their reach.
    void loadSegments(const QString& advertiserId);
    void loadReach(const QStringList& segmentIds);

signals:
    void advertisersLoaded(const QList<core::Advertiser>& advertisers);
    void segmentsLoaded(const QString& advertiserId, const QList<core::Segment>& segments);
    void reachLoaded(const QHash<QString, qint64>& reachById);
    void failed(const core::Error& error, const QString& context);
    void busyChanged(bool busy);

private:
    template <typename T, typename F>
    void track(QFuture<core::Result<T>> future, const QString& context, F onValue);
    void begin();
    void end();

    core::SegmentStore& m_store;
    int m_inFlight = 0;
    quint64 m_listSequence = 0;
};

} // namespace ui
