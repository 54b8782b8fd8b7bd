#include "backends/sqlite/sqlite_segment_store.h"

#include <spdlog/spdlog.h>

#include <QSqlRecord>

#include "domain/definition_describer.h"
#include "logging/logging.h"
#include "sql/reach_query_builder.h"
#include "backends/sqlite/sqlite_executor.h"
#include "backends/sqlite/sqlite_segment_rows.h"
#include "backends/sqlite/sqlite_sql.h"

namespace core {

namespace {

constexpr int kReachWindowDays = kDefaultReachWindowDays;
const SqlTarget kSqliteTarget{SqlDialect::Sqlite, {}};

Result<ReachEstimate> computeReach(QSqlDatabase& db, const Definition& definition, const Catalogue& catalogue)
{
    SqliteSegmentRows rows(db);
    auto asOf = rows.dataAsOf();
    if (!asOf)
        return asOf.error();
    if (!asOf.value().isValid()) {
        ReachEstimate empty;
        empty.windowDays = kReachWindowDays;
        return empty; // no audience data yet: nobody to reach
    }
    const ReachQueryBuilder builder(kSqliteTarget, asOf.value(), kReachWindowDays, rows.resolver());
    auto bound = builder.build(definition);
    if (!bound)
        return bound.error();
    auto q = SqliteSql::exec(db, bound.value().sql, bound.value().params, QStringLiteral("estimate the reach"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::internal(QStringLiteral("reach query returned no row"));
    const QSqlRecord record = q.value().record();
    ReachEstimate estimate = builder.read(definition, [&](const QString& column) {
        return q.value().value(record.indexOf(column)).toLongLong();
    });
    const DefinitionDescriber describer(std::shared_ptr<const Catalogue>(std::shared_ptr<const Catalogue>{}, &catalogue),
                                        [&rows](const QString& id) {
                                            auto s = rows.find(id);
                                            return s && s.value() ? s.value()->name : QString();
                                        });
    for (auto& step : estimate.waterfall)
        step.label = describer.describe(definition.root().children[static_cast<std::size_t>(step.conditionIndex)]);
    return estimate;
}

} // namespace

SqliteSegmentStore::SqliteSegmentStore(SqliteExecutor& executor, std::shared_ptr<const Catalogue> catalogue)
    : m_executor(executor), m_catalogue(catalogue), m_rules(std::move(catalogue))
{}

SqliteSegmentStore::~SqliteSegmentStore() = default;

QString SqliteSegmentStore::backendKind() const { return QStringLiteral("local"); }

QString SqliteSegmentStore::displayName() const
{
    return QStringLiteral("Local workspace — %1").arg(m_executor.path());
}

QFuture<Result<QList<Advertiser>>> SqliteSegmentStore::listAdvertisers()
{
    return m_executor.submit<QList<Advertiser>>([](QSqlDatabase& db) -> Result<QList<Advertiser>> {
        auto q = SqliteSql::exec(db, QStringLiteral("SELECT advertiser_id, name FROM advertisers ORDER BY name, advertiser_id"),
                                 QVariantList{}, QStringLiteral("list the advertisers"));
        if (!q)
            return q.error();
        QList<Advertiser> out;
        while (q.value().next())
            out.append(Advertiser{q.value().value(0).toString(), q.value().value(1).toString()});
        return out;
    });
}

QFuture<Status> SqliteSegmentStore::saveAdvertiser(const Advertiser& advertiser)
{
    return m_executor.submit<Done>([advertiser](QSqlDatabase& db) -> Status {
        if (advertiser.id.trimmed().isEmpty() || advertiser.name.trimmed().isEmpty())
            return Error::validation(QStringLiteral("advertiser_invalid"),
                                     QStringLiteral("An advertiser needs an id and a name."));
        auto q = SqliteSql::exec(db,
                                 QStringLiteral("INSERT INTO advertisers (advertiser_id, name) VALUES (?, ?) "
                                                "ON CONFLICT (advertiser_id) DO UPDATE SET name = excluded.name"),
                                 QVariantList{advertiser.id.trimmed(), advertiser.name.trimmed()},
                                 QStringLiteral("save the advertiser"));
        if (!q)
            return q.error();
        return success();
    });
}

QFuture<Result<QList<Segment>>> SqliteSegmentStore::listSegments(const SegmentQuery& query)
{
    return m_executor.submit<QList<Segment>>(
        [query](QSqlDatabase& db) { return SqliteSegmentRows(db).list(query); });
}

QFuture<Result<Segment>> SqliteSegmentStore::getSegment(const QString& id)
{
    return m_executor.submit<Segment>([id](QSqlDatabase& db) { return SqliteSegmentRows(db).require(id); });
}

QFuture<Result<Segment>> SqliteSegmentStore::createSegment(const Segment& draft, const QString& user)
{
    return m_executor.submit<Segment>([this, draft, user](QSqlDatabase& db) -> Result<Segment> {
        const QString action = QStringLiteral("save the new segment");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteSegmentRows rows(db);
        auto known = rows.advertiserExists(draft.advertiserId);
        if (!known)
            return known.error();
        if (!known.value())
            return Error::validation(QStringLiteral("advertiser_unknown"),
                                     QStringLiteral("There is no advertiser “%1” in this workspace.").arg(draft.advertiserId));
        if (!draft.id.isEmpty()) {
            auto existing = rows.find(draft.id);
            if (!existing)
                return existing.error();
            if (existing.value())
                return Error::conflict(QStringLiteral("id_taken"),
                                       QStringLiteral("A segment with id %1 already exists.").arg(draft.id),
                                       QStringLiteral("Save it as an update of that segment instead."));
        }
        auto taken = rows.takenNames(draft.advertiserId, draft.id);
        if (!taken)
            return taken.error();
        auto created = m_rules.prepareCreate(draft, user, SegmentChangeRules::now(), taken.value(), rows.resolver());
        if (!created)
            return created;
        if (auto s = rows.record(created.value(), 0, QStringLiteral("created")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return created;
    });
}

QFuture<Result<Segment>> SqliteSegmentStore::updateSegment(const Segment& edited, const QString& user)
{
    return m_executor.submit<Segment>([this, edited, user](QSqlDatabase& db) -> Result<Segment> {
        const QString action = QStringLiteral("save the segment");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteSegmentRows rows(db);
        auto current = rows.require(edited.id);
        if (!current)
            return current;
        auto taken = rows.takenNames(current.value().advertiserId, edited.id);
        if (!taken)
            return taken.error();
        auto updated = m_rules.prepareUpdate(current.value(), edited, user, SegmentChangeRules::now(), taken.value(),
                                             rows.resolver());
        if (!updated)
            return updated;
        if (auto s = rows.record(updated.value(), current.value().version, QStringLiteral("updated")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return updated;
    });
}

QFuture<Result<Segment>> SqliteSegmentStore::deleteSegment(const QString& id, int baseVersion, const QString& user)
{
    return m_executor.submit<Segment>([this, id, baseVersion, user](QSqlDatabase& db) -> Result<Segment> {
        const QString action = QStringLiteral("delete the segment");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteSegmentRows rows(db);
        auto current = rows.require(id);
        if (!current)
            return current;
        auto deleted = m_rules.prepareDelete(current.value(), baseVersion, user, SegmentChangeRules::now());
        if (!deleted)
            return deleted;
        if (auto s = rows.record(deleted.value(), current.value().version, QStringLiteral("deleted")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return deleted;
    });
}

QFuture<Result<Segment>> SqliteSegmentStore::restoreSegment(const QString& id, const QString& user)
{
    return m_executor.submit<Segment>([this, id, user](QSqlDatabase& db) -> Result<Segment> {
        const QString action = QStringLiteral("restore the segment");
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteSegmentRows rows(db);
        auto current = rows.require(id);
        if (!current)
            return current;
        auto taken = rows.takenNames(current.value().advertiserId, id);
        if (!taken)
            return taken.error();
        auto restored = m_rules.prepareRestore(current.value(), user, SegmentChangeRules::now(), taken.value());
        if (!restored)
            return restored;
        if (auto s = rows.record(restored.value(), current.value().version, QStringLiteral("restored")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return restored;
    });
}

QFuture<Result<QList<SegmentVersion>>> SqliteSegmentStore::segmentHistory(const QString& id)
{
    return m_executor.submit<QList<SegmentVersion>>([id](QSqlDatabase& db) -> Result<QList<SegmentVersion>> {
        SqliteSegmentRows rows(db);
        auto exists = rows.require(id);
        if (!exists)
            return exists.error();
        return rows.history(id);
    });
}

QFuture<Result<ImportOutcome>> SqliteSegmentStore::importSegment(const Segment& segment)
{
    return m_executor.submit<ImportOutcome>([this, segment](QSqlDatabase& db) -> Result<ImportOutcome> {
        const QString action = QStringLiteral("import the segment");
        if (auto s = m_rules.checkImport(segment); !s)
            return s.error();
        SqliteTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SqliteSegmentRows rows(db);
        auto existing = rows.find(segment.id);
        if (!existing)
            return existing.error();
        Segment incoming = segment;
        incoming.definitionHash = segment.definition.hash();
        if (existing.value()) {
            if (*existing.value() == incoming)
                return ImportOutcome::Unchanged;
            return Error::conflict(QStringLiteral("import_conflict"),
                                   QStringLiteral("The workspace already holds a different version of “%1” (id %2).")
                                       .arg(segment.name, segment.id),
                                   QStringLiteral("Delete it first or import into another workspace."));
        }
        auto known = rows.advertiserExists(segment.advertiserId);
        if (!known)
            return known.error();
        if (!known.value())
            return Error::validation(QStringLiteral("advertiser_unknown"),
                                     QStringLiteral("There is no advertiser “%1” in this workspace.").arg(segment.advertiserId));
        if (!segment.isDeleted()) {
            auto taken = rows.takenNames(segment.advertiserId, segment.id);
            if (!taken)
                return taken.error();
            if (taken.value().contains(SegmentValidator::nameKey(segment.name)))
                return Error::conflict(QStringLiteral("name_taken"),
                                       QStringLiteral("This advertiser already has a segment called “%1”.").arg(segment.name),
                                       QStringLiteral("Rename one of them before importing."));
        }
        if (auto s = rows.record(incoming, 0, QStringLiteral("imported")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return ImportOutcome::Inserted;
    });
}

QFuture<Result<ReachEstimate>> SqliteSegmentStore::estimateReach(const Definition& definition, const QString&)
{
    return m_executor.submit<ReachEstimate>(
        [catalogue = m_catalogue, definition](QSqlDatabase& db) { return computeReach(db, definition, *catalogue); });
}

QFuture<Result<QHash<QString, qint64>>> SqliteSegmentStore::reachOfSegments(const QStringList& ids)
{
    return m_executor.submit<QHash<QString, qint64>>(
        [catalogue = m_catalogue, ids](QSqlDatabase& db) -> Result<QHash<QString, qint64>> {
            SqliteSegmentRows rows(db);
            auto asOf = rows.dataAsOf();
            if (!asOf)
                return asOf.error();
            const QString asOfText = asOf.value().toString(Qt::ISODate);
            QHash<QString, qint64> out;
            if (!asOf.value().isValid()) { // no audience data yet: nobody to reach, nothing to cache
                for (const auto& id : ids) {
                    auto segment = rows.find(id);
                    if (!segment)
                        return segment.error();
                    if (segment.value())
                        out.insert(id, 0);
                }
                return out;
            }
            for (const auto& id : ids) {
                auto segment = rows.find(id);
                if (!segment)
                    return segment.error();
                if (!segment.value())
                    continue;
                const QString hash = segment.value()->definitionHash;
                auto cached = SqliteSql::exec(
                    db, QStringLiteral("SELECT reach FROM segment_reach_cache WHERE segment_id = ? AND definition_hash = ? AND as_of = ?"),
                    QVariantList{id, hash, asOfText}, QStringLiteral("read the reach cache"));
                if (!cached)
                    return cached.error();
                if (cached.value().next()) {
                    out.insert(id, cached.value().value(0).toLongLong());
                    continue;
                }
                auto estimate = computeReach(db, segment.value()->definition, *catalogue);
                if (!estimate)
                    return estimate.error();
                out.insert(id, estimate.value().reach);
                auto stored = SqliteSql::exec(
                    db, QStringLiteral("INSERT OR REPLACE INTO segment_reach_cache (segment_id, definition_hash, as_of, reach) VALUES (?, ?, ?, ?)"),
                    QVariantList{id, hash, asOfText, estimate.value().reach}, QStringLiteral("update the reach cache"));
                if (!stored)
                    return stored.error();
            }
            return out;
        });
}

} // namespace core
