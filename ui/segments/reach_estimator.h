#pragma once

#include <QObject>
#include <QTimer>

#include "common/error.h"
#include "domain/definition.h"
#include "domain/reach_estimate.h"

namespace core {
class SegmentStore;
}

namespace ui {

// Asks the store for the reach of the definition being edited, at most once per pause in
// typing (debounce), never blocking: the future continues on this object's thread and
// results of superseded requests are dropped (sequence number). busyChanged(true) fires
// only when a request takes longer than the busy delay.
class ReachEstimator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReachEstimator)

public:
    static constexpr int kDebounceMilliseconds = 250;
    static constexpr int kBusyDelayMilliseconds = 100;

    explicit ReachEstimator(core::SegmentStore& store, QObject* parent = nullptr);

    void setAdvertiser(const QString& advertiserId) { m_advertiserId = advertiserId; }
    void setDebounce(int milliseconds) { m_debounce.setInterval(milliseconds); }
    // True from request() until the latest request finished (or was cancelled).
    bool isPending() const { return m_pending; }
    bool isBusy() const { return m_busy; }

public slots:
    // Estimates after the debounce interval; a newer request replaces an older one.
    void request(const core::Definition& definition);
    // Forgets the pending request; its result will be dropped.
    void cancel();

signals:
    void started();
    void estimated(const core::ReachEstimate& estimate);
    void failed(const core::Error& error);
    void busyChanged(bool busy);

private:
    void run();
    void setBusy(bool busy);
    void finish();

    core::SegmentStore& m_store;
    QString m_advertiserId;
    core::Definition m_definition;
    QTimer m_debounce;
    QTimer m_busyDelay;
    quint64 m_sequence = 0;
    bool m_pending = false;
    bool m_busy = false;
};

} // namespace ui
