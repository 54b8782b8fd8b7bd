#include "segments/reach_estimator.h"

#include "backends/segment_store.h"

namespace ui {

ReachEstimator::ReachEstimator(core::SegmentStore& store, QObject* parent) : QObject(parent), m_store(store)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMilliseconds);
    connect(&m_debounce, &QTimer::timeout, this, &ReachEstimator::run);
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(kBusyDelayMilliseconds);
    connect(&m_busyDelay, &QTimer::timeout, this, [this] { setBusy(true); });
}

void ReachEstimator::request(const core::Definition& definition)
{
    m_definition = definition;
    ++m_sequence; // anything in flight is now stale
    m_pending = true;
    m_debounce.start();
    emit started();
}

void ReachEstimator::cancel()
{
    ++m_sequence;
    m_debounce.stop();
    finish();
}

void ReachEstimator::run()
{
    const quint64 sequence = ++m_sequence;
    m_busyDelay.start();
    m_store.estimateReach(m_definition, m_advertiserId)
        .then(this,
              [this, sequence](const core::Result<core::ReachEstimate>& result) {
                  if (sequence != m_sequence)
                      return; // a newer request replaced this one
                  finish();
                  if (result)
                      emit estimated(result.value());
                  else
                      emit failed(result.error());
              })
        .onCanceled(this, [this, sequence] {
            if (sequence != m_sequence)
                return;
            finish();
            core::Error e;
            e.kind = core::ErrorKind::Cancelled;
            e.userMessage = tr("The reach estimate was cancelled.");
            e.remediation = tr("Change a criterion to estimate again.");
            emit failed(e);
        });
}

void ReachEstimator::finish()
{
    m_pending = false;
    m_busyDelay.stop();
    setBusy(false);
}

void ReachEstimator::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace ui
