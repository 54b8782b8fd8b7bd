#include "workspace/segment_import_run.h"

#include "backends/segment_store.h"
#include "common/plural.h"

#include <QSet>

namespace core {

SegmentImportRun::SegmentImportRun(SegmentStore& store, SegmentImportFile file, QObject* parent)
    : QObject(parent), m_store(store), m_file(std::move(file))
{
    m_report.total = static_cast<int>(m_file.segments.size());
}

SegmentImportRun::~SegmentImportRun()
{
    if (m_promise && !m_finished)
        finish(Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"), QStringLiteral("The import was stopped."),
                     {}, {}});
}

QFuture<Result<SegmentImportReport>> SegmentImportRun::start()
{
    Q_ASSERT(!m_promise);
    m_promise = std::make_unique<QPromise<Result<SegmentImportReport>>>();
    m_promise->start();
    QFuture<Result<SegmentImportReport>> future = m_promise->future();
    m_store.listAdvertisers().then(this, [this](const Result<QList<Advertiser>>& advertisers) {
        if (!advertisers)
            return finish(advertisers.error());
        QSet<QString> known;
        for (const Advertiser& a : advertisers.value())
            known.insert(a.id);
        QStringList missing;
        for (const QString& id : m_file.advertiserIds)
            if (!known.contains(id))
                missing.append(id);
        addAdvertisers(missing);
    });
    return future;
}

void SegmentImportRun::cancel()
{
    m_cancelled = true;
}

void SegmentImportRun::addAdvertisers(QStringList missing)
{
    if (missing.isEmpty()) {
        emit progress(0, m_report.total);
        return importNext();
    }
    const QString id = missing.takeFirst();
    m_store.saveAdvertiser(m_file.advertiser(id)).then(this, [this, id, missing](const Status& saved) {
        if (!saved)
            return finish(saved.error());
        m_report.advertisersAdded.append(id);
        addAdvertisers(missing);
    });
}

void SegmentImportRun::importNext()
{
    if (m_cancelled) {
        Error e{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                QStringLiteral("The import was stopped after %1 of %2.")
                    .arg(m_next)
                    .arg(countOf(m_report.total, QStringLiteral("segment"), QStringLiteral("segments"))),
                {}, QStringLiteral("Import the file again to add the rest: segments already stored are skipped.")};
        return finish(e);
    }
    if (m_next >= m_file.segments.size())
        return finish(m_report);
    const Segment& segment = m_file.segments.at(m_next);
    m_store.importSegment(segment).then(this, [this, label = segmentFileLabel(segment)](
                                                 const Result<ImportOutcome>& outcome) {
        if (!outcome) {
            Error e = outcome.error();
            e.userMessage = QStringLiteral("Segment %1: %2").arg(label, e.userMessage);
            const int stored = m_report.inserted + m_report.unchanged;
            if (stored > 0)
                e.remediation = (e.remediation + QStringLiteral(" %1 imported before it; importing the file "
                                                                "again skips them.")
                                                     .arg(countOf(stored, QStringLiteral("segment was"),
                                                                  QStringLiteral("segments were"))))
                                    .trimmed();
            return finish(e);
        }
        (outcome.value() == ImportOutcome::Inserted ? m_report.inserted : m_report.unchanged)++;
        ++m_next;
        emit progress(m_next, m_report.total);
        importNext();
    });
}

void SegmentImportRun::finish(Result<SegmentImportReport> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_promise->addResult(std::move(result));
    m_promise->finish();
}

} // namespace core
