#include "workspace/workspace_loader.h"

#include "analytics/metric_format.h"

#include "backends/segment_store.h"

namespace ui {

WorkspaceLoader::WorkspaceLoader(core::SegmentStore& store, QObject* parent) : QObject(parent), m_store(store)
{
}

template <typename T, typename F>
void WorkspaceLoader::track(QFuture<core::Result<T>> future, const QString& context, F onValue)
{
    begin();
    future
        .then(this,
              [this, context, onValue](const core::Result<T>& result) {
                  if (result)
                      onValue(result.value());
                  else
                      emit failed(result.error(), context);
                  end();
              })
        .onCanceled(this, [this, context] {
            core::Error e;
            e.kind = core::ErrorKind::Cancelled;
            e.userMessage = tr("Loading was cancelled.");
            e.remediation = tr("Reopen the workspace to try again.");
            emit failed(e, context);
            end();
        });
}

void WorkspaceLoader::loadAdvertisers()
{
    track(m_store.listAdvertisers(), tr("Could not load the advertisers"),
          [this](const QList<core::Advertiser>& advertisers) {
              QHash<QString, QString> currencies;
              for (const auto& a : advertisers)
                  currencies.insert(a.id, a.currency);
              MetricFormat::setCurrencies(currencies);
              emit advertisersLoaded(advertisers);
          });
}

void WorkspaceLoader::loadSegments(const QString& advertiserId)
{
    const quint64 sequence = ++m_listSequence;
    core::SegmentQuery query;
    query.advertiserId = advertiserId;
    query.deleted = core::SegmentQuery::Deleted::Include;
    query.sort = core::SegmentSort::Name;
    track(m_store.listSegments(query), tr("Could not load the segments"),
          [this, sequence, advertiserId](const QList<core::Segment>& segments) {
              if (sequence != m_listSequence)
                  return; // another advertiser was chosen meanwhile
              emit segmentsLoaded(advertiserId, segments);
              QStringList ids;
              for (const auto& s : segments) {
                  if (!s.isDeleted())
                      ids.append(s.id);
              }
              if (!ids.isEmpty())
                  loadReach(ids);
          });
}

void WorkspaceLoader::loadReach(const QStringList& segmentIds)
{
    const quint64 sequence = m_listSequence;
    track(m_store.reachOfSegments(segmentIds), tr("Could not compute the reach of the segments"),
          [this, sequence](const QHash<QString, qint64>& reach) {
              if (sequence == m_listSequence)
                  emit reachLoaded(reach);
          });
}

void WorkspaceLoader::begin()
{
    if (m_inFlight++ == 0)
        emit busyChanged(true);
}

void WorkspaceLoader::end()
{
    if (--m_inFlight == 0)
        emit busyChanged(false);
}

} // namespace ui
