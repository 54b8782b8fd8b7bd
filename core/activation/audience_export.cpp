#include "activation/audience_export.h"

#include "export/atomic_file.h"
#include "export/csv_writer.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <optional>
#include <vector>

namespace core {

namespace {

Error cancelled()
{
    return Error{ErrorKind::Cancelled, 0, QStringLiteral("cancelled"),
                 QStringLiteral("The audience export was cancelled; nothing was written or sent."), {}, {}};
}

// A file's chunk: its CSV records.
struct CsvChunk
{
    QByteArray csv;
    qint64 rows = 0;
    AudiencePreflightBuilder counts;
};

// A sync's chunk: its rows.
struct RowChunk
{
    QList<AudienceRow> rows;
    AudiencePreflightBuilder counts;
};

CsvChunk csvChunk(const AudienceNormaliser& normaliser, const QList<CustomerIdentifiers>& people, qsizetype from,
                  qsizetype to)
{
    CsvChunk chunk{QByteArray(), 0, AudiencePreflightBuilder(normaliser.profile())};
    CsvWriter csv;
    for (qsizetype i = from; i < to; ++i) {
        const NormalisedMember member = normaliser.normalise(people.at(i));
        chunk.counts.add(member);
        if (!member.usable)
            continue;
        csv.writeRow(member.row.values);
        ++chunk.rows;
    }
    chunk.csv = csv.takeData();
    chunk.csv.squeeze();
    return chunk;
}

RowChunk rowChunk(const AudienceNormaliser& normaliser, const QList<CustomerIdentifiers>& people, qsizetype from,
                  qsizetype to)
{
    RowChunk chunk{QList<AudienceRow>(), AudiencePreflightBuilder(normaliser.profile())};
    chunk.rows.reserve(to - from);
    for (qsizetype i = from; i < to; ++i) {
        NormalisedMember member = normaliser.normalise(people.at(i));
        chunk.counts.add(member);
        if (member.usable)
            chunk.rows.append(std::move(member.row));
    }
    chunk.rows.squeeze();
    return chunk;
}

// Runs work(from, to) over the people in chunks of kChunkSize on every thread of the pool (the
// calling thread too, reporting progress between its chunks); the chunks in the people's order,
// or Cancelled.
template <typename Chunk, typename Work>
Result<std::vector<std::optional<Chunk>>> inChunks(QThreadPool* pool, qsizetype total, const Work& work,
                                                   const AudienceExport::Progress& progress)
{
    const qsizetype chunkSize = AudienceExport::kChunkSize;
    const qsizetype chunkCount = (total + chunkSize - 1) / chunkSize;
    std::vector<std::optional<Chunk>> chunks(static_cast<size_t>(chunkCount));
    std::atomic<qsizetype> next{0};
    std::atomic<qint64> done{0};
    std::atomic<bool> stop{false};

    // Takes the next chunk; false when none is left or the export was cancelled.
    auto step = [&]() {
        if (stop.load(std::memory_order_relaxed))
            return false;
        const qsizetype i = next.fetch_add(1);
        if (i >= chunkCount)
            return false;
        const qsizetype from = i * chunkSize;
        const qsizetype to = std::min(total, from + chunkSize);
        chunks[static_cast<size_t>(i)] = work(from, to);
        done.fetch_add(to - from);
        return true;
    };

    // The pool's other threads help; the calling thread works too and reports progress.
    QList<QFuture<void>> helpers;
    const int helperCount = std::min<qsizetype>(std::max(0, pool->maxThreadCount() - 1), std::max<qsizetype>(0, chunkCount - 1));
    for (int h = 0; h < helperCount; ++h)
        helpers.append(QtConcurrent::run(pool, [&step] {
            while (step()) {
            }
        }));
    bool userCancelled = false;
    while (step()) {
        if (progress && !progress(done.load(), total)) {
            userCancelled = true;
            stop = true;
            break;
        }
    }
    for (QFuture<void>& helper : helpers)
        helper.waitForFinished();
    if (!userCancelled && progress && !progress(total, total))
        userCancelled = true;
    if (userCancelled)
        return cancelled();
    return chunks;
}

} // namespace

AudienceExport::AudienceExport(std::shared_ptr<const AudienceNormaliser> normaliser, QThreadPool* pool)
    : m_normaliser(std::move(normaliser)), m_pool(pool ? pool : QThreadPool::globalInstance())
{
}

Result<PreparedAudience> AudienceExport::prepare(qint64 members, const QList<CustomerIdentifiers>& people,
                                                 const Progress& progress) const
{
    const AudienceNormaliser& normaliser = *m_normaliser;
    auto chunks = inChunks<CsvChunk>(
        m_pool, people.size(),
        [&](qsizetype from, qsizetype to) { return csvChunk(normaliser, people, from, to); }, progress);
    if (!chunks)
        return chunks.error();

    PreparedAudience out;
    out.columns = m_normaliser->profile().columns();
    AudiencePreflightBuilder counts(m_normaliser->profile());
    out.rowChunks.reserve(qsizetype(chunks.value().size()));
    for (std::optional<CsvChunk>& chunk : chunks.value()) {
        counts.merge(chunk->counts);
        out.rows += chunk->rows;
        out.rowsPerChunk.append(chunk->rows);
        out.rowChunks.append(std::move(chunk->csv));
    }
    out.preflight = counts.build(members);
    return out;
}

Result<NormalisedAudience> AudienceExport::normalise(qint64 members, const QList<CustomerIdentifiers>& people,
                                                     const Progress& progress) const
{
    const AudienceNormaliser& normaliser = *m_normaliser;
    auto chunks = inChunks<RowChunk>(
        m_pool, people.size(),
        [&](qsizetype from, qsizetype to) { return rowChunk(normaliser, people, from, to); }, progress);
    if (!chunks)
        return chunks.error();

    NormalisedAudience out;
    AudiencePreflightBuilder counts(m_normaliser->profile());
    qsizetype rows = 0;
    for (const std::optional<RowChunk>& chunk : chunks.value())
        rows += chunk->rows.size();
    out.rows.reserve(rows);
    for (std::optional<RowChunk>& chunk : chunks.value()) {
        counts.merge(chunk->counts);
        out.rows.append(std::move(chunk->rows));
    }
    out.preflight = counts.build(members);
    return out;
}

Status AudienceExport::write(const PreparedAudience& audience, const QString& path, const Progress& progress)
{
    CsvWriter header;
    header.writeRow(audience.columns);
    QList<QByteArray> parts;
    parts.reserve(audience.rowChunks.size() + 1);
    parts.append(header.takeData());
    parts.append(audience.rowChunks);
    // Rows written before each part (the header, then the chunks), for progress.
    QList<qint64> rowsBefore{0};
    qint64 rows = 0;
    for (const qint64 chunkRows : audience.rowsPerChunk) {
        rowsBefore.append(rows);
        rows += chunkRows;
    }
    rowsBefore.append(rows);
    Status status = writeFileAtomically(path, parts, [&](qsizetype written) {
        return !progress || progress(rowsBefore.value(written, rows), audience.rows);
    });
    if (!status.ok())
        return status.error().kind == ErrorKind::Cancelled ? Status(cancelled()) : status;
    if (progress)
        progress(audience.rows, audience.rows); // the file is in place: nothing left to cancel
    return status;
}

Result<AudienceExportOutcome> AudienceExport::run(qint64 members, const QList<CustomerIdentifiers>& people,
                                                  const QString& path, bool force, const Progress& progress) const
{
    Result<PreparedAudience> prepared = prepare(members, people, progress);
    if (!prepared)
        return prepared.error();
    AudienceExportOutcome outcome;
    outcome.preflight = prepared.value().preflight;
    outcome.path = path;
    if (outcome.preflight.blocked() && !force)
        return outcome;
    const Status written = write(prepared.value(), path, progress);
    if (!written)
        return written.error();
    outcome.written = true;
    outcome.rows = prepared.value().rows;
    return outcome;
}

} // namespace core
