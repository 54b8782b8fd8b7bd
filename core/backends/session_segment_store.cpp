#include "backends/session_segment_store.h"

#include "backends/session_access_store.h"
#include "backends/session_reach.h"
#include "backends/session_segment_rows.h"

#include "domain/segment_json.h"
#include "logging/logging.h"
#include "sql/access_sql.h"
#include "sql/principal_sql.h"

namespace core {


SessionSegmentStore::SessionSegmentStore(SessionExecutor& executor, SqlTarget target,
                                         std::shared_ptr<const Catalogue> catalogue, QString kind, QString displayName)
    : m_executor(executor), m_sql(std::move(target)), m_catalogue(catalogue), m_rules(std::move(catalogue)),
      m_kind(std::move(kind)), m_displayName(std::move(displayName))
{}

SessionSegmentStore::~SessionSegmentStore() = default;

QString SessionSegmentStore::backendKind() const { return m_kind; }

QString SessionSegmentStore::displayName() const { return m_displayName; }

QFuture<Result<QList<Advertiser>>> SessionSegmentStore::listAdvertisers()
{
    return m_executor.run<QList<Advertiser>>([this](SqlSession& db) -> Result<QList<Advertiser>> {
        auto rows = db.query(m_sql.listAdvertisers(), QStringLiteral("list the advertisers"));
        if (!rows)
            return rows.error();
        QList<Advertiser> out;
        for (qsizetype i = 0; i < rows.value().size(); ++i)
            out.append(Advertiser{rows.value().value(i, QStringLiteral("advertiser_id")).toString(),
                                  rows.value().value(i, QStringLiteral("name")).toString(),
                                  Advertiser::normaliseCurrency(rows.value().value(i, QStringLiteral("currency")).toString())});
        return out;
    });
}

QFuture<Status> SessionSegmentStore::saveAdvertiser(const Advertiser& advertiser)
{
    return m_executor.run<Done>([this, advertiser](SqlSession& db) -> Status {
        if (advertiser.id.trimmed().isEmpty() || advertiser.name.trimmed().isEmpty())
            return Error::validation(QStringLiteral("advertiser_invalid"),
                                     QStringLiteral("An advertiser needs an id and a name."));
        if (auto s = Advertiser::validateCurrency(Advertiser::normaliseCurrency(advertiser.currency)); !s)
            return s;
        const QString action = QStringLiteral("save the advertiser");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s;
        auto saved = db.execute(m_sql.upsertAdvertiserRow(advertiser), action);
        if (!saved)
            return saved.error();
        if (PrincipalSql::fromBackend(db.dialect())) { // a new advertiser of a managed workspace: its creator owns it
            const AccessSql access(m_sql.target());
            const QString now = SegmentJson::formatTime(SegmentChangeRules::now());
            if (auto s = db.execute(access.claimNewAdvertiser(advertiser.id.trimmed(), now, {}), action); !s)
                return s.error();
        }
        return tx.commit(action);
    });
}

QFuture<Result<QList<Segment>>> SessionSegmentStore::listSegments(const SegmentQuery& query)
{
    return m_executor.run<QList<Segment>>([this, query](SqlSession& db) { return SessionSegmentRows(db, m_sql).list(query); });
}

QFuture<Result<Segment>> SessionSegmentStore::getSegment(const QString& id)
{
    return m_executor.run<Segment>([this, id](SqlSession& db) { return SessionSegmentRows(db, m_sql).require(id); });
}

QFuture<Result<Segment>> SessionSegmentStore::createSegment(const Segment& draft, const WriteOrigin& origin)
{
    return m_executor.run<Segment>([this, draft, origin](SqlSession& db) -> Result<Segment> {
        const QString action = QStringLiteral("save the new segment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        auto user = SessionAccessCheck::writer(db, origin.user);
        if (!user)
            return user.error();
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), draft.advertiserId, AccessRules::Action::EditSegments, origin.user); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
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
        auto created = m_rules.prepareCreate(draft, user.value(), SegmentChangeRules::now(), taken.value(), rows.resolver());
        if (!created)
            return created;
        if (auto s = rows.record(created.value(), std::nullopt, QStringLiteral("created"), origin.changeKey); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return created;
    });
}

QFuture<Result<Segment>> SessionSegmentStore::updateSegment(const Segment& edited, const WriteOrigin& origin)
{
    return m_executor.run<Segment>([this, edited, origin](SqlSession& db) -> Result<Segment> {
        const QString action = QStringLiteral("save the segment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
        auto current = rows.require(edited.id);
        if (!current)
            return current;
        auto user = SessionAccessCheck::writer(db, origin.user);
        if (!user)
            return user.error();
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), current.value().advertiserId,
                                                 AccessRules::Action::EditSegments, origin.user); !s)
            return s.error();
        auto taken = rows.takenNames(current.value().advertiserId, edited.id);
        if (!taken)
            return taken.error();
        auto updated = m_rules.prepareUpdate(current.value(), edited, user.value(), SegmentChangeRules::now(), taken.value(),
                                             rows.resolver());
        if (!updated)
            return updated;
        if (auto s = rows.record(updated.value(), current.value(), QStringLiteral("updated"), origin.changeKey); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return updated;
    });
}

QFuture<Result<Segment>> SessionSegmentStore::deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin)
{
    return m_executor.run<Segment>([this, id, baseVersion, origin](SqlSession& db) -> Result<Segment> {
        const QString action = QStringLiteral("delete the segment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
        auto current = rows.require(id);
        if (!current)
            return current;
        auto user = SessionAccessCheck::writer(db, origin.user);
        if (!user)
            return user.error();
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), current.value().advertiserId,
                                                 AccessRules::Action::EditSegments, origin.user); !s)
            return s.error();
        auto deleted = m_rules.prepareDelete(current.value(), baseVersion, user.value(), SegmentChangeRules::now());
        if (!deleted)
            return deleted;
        if (auto s = rows.record(deleted.value(), current.value(), QStringLiteral("deleted"), origin.changeKey); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return deleted;
    });
}

QFuture<Result<Segment>> SessionSegmentStore::restoreSegment(const QString& id, const WriteOrigin& origin)
{
    return m_executor.run<Segment>([this, id, origin](SqlSession& db) -> Result<Segment> {
        const QString action = QStringLiteral("restore the segment");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
        auto current = rows.require(id);
        if (!current)
            return current;
        auto user = SessionAccessCheck::writer(db, origin.user);
        if (!user)
            return user.error();
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), current.value().advertiserId,
                                                 AccessRules::Action::EditSegments, origin.user); !s)
            return s.error();
        auto taken = rows.takenNames(current.value().advertiserId, id);
        if (!taken)
            return taken.error();
        auto restored = m_rules.prepareRestore(current.value(), user.value(), SegmentChangeRules::now(), taken.value());
        if (!restored)
            return restored;
        if (auto s = rows.record(restored.value(), current.value(), QStringLiteral("restored"), origin.changeKey); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return restored;
    });
}

QFuture<Result<Segment>> SessionSegmentStore::restoreVersion(const QString& id, int version, int baseVersion,
                                                             const WriteOrigin& origin)
{
    return m_executor.run<Segment>([this, id, version, baseVersion, origin](SqlSession& db) -> Result<Segment> {
        const QString action = QStringLiteral("restore the version");
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
        auto current = rows.require(id);
        if (!current)
            return current;
        // Who restores is who the backend says is signed in, and it needs the editor role.
        auto writer = SessionAccessCheck::writer(db, origin.user);
        if (!writer)
            return writer.error();
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), current.value().advertiserId,
                                                 AccessRules::Action::EditSegments, origin.user); !s)
            return s.error();
        const QString user = writer.value();
        auto history = rows.history(id);
        if (!history)
            return history.error();
        auto taken = rows.takenNames(current.value().advertiserId, id);
        if (!taken)
            return taken.error();
        auto reverted = m_rules.prepareRevert(current.value(), history.value(), version, baseVersion, user,
                                              SegmentChangeRules::now(), taken.value(), rows.resolver());
        if (!reverted)
            return reverted;
        if (auto s = rows.record(reverted.value(), current.value(), QStringLiteral("reverted"), origin.changeKey); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return reverted;
    });
}

QFuture<Result<QList<SegmentVersion>>> SessionSegmentStore::segmentHistory(const QString& id)
{
    return m_executor.run<QList<SegmentVersion>>([this, id](SqlSession& db) -> Result<QList<SegmentVersion>> {
        SessionSegmentRows rows(db, m_sql);
        auto exists = rows.require(id);
        if (!exists)
            return exists.error();
        return rows.history(id);
    });
}

QFuture<Result<ImportOutcome>> SessionSegmentStore::importSegment(const Segment& segment)
{
    return m_executor.run<ImportOutcome>([this, segment](SqlSession& db) -> Result<ImportOutcome> {
        const QString action = QStringLiteral("import the segment");
        if (auto s = m_rules.checkImport(segment); !s)
            return s.error();
        SqlTransaction tx(db);
        if (auto s = tx.begin(action); !s)
            return s.error();
        SessionSegmentRows rows(db, m_sql);
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
        if (auto s = SessionAccessCheck::require(db, m_sql.target(), segment.advertiserId, AccessRules::Action::EditSegments,
                                                 segment.updatedBy); !s)
            return s.error();
        if (!segment.isDeleted()) {
            auto taken = rows.takenNames(segment.advertiserId, segment.id);
            if (!taken)
                return taken.error();
            if (taken.value().contains(SegmentValidator::nameKey(segment.name)))
                return Error::conflict(QStringLiteral("name_taken"),
                                       QStringLiteral("This advertiser already has a segment called “%1”.").arg(segment.name),
                                       QStringLiteral("Rename one of them before importing."));
        }
        if (auto s = rows.record(incoming, std::nullopt, QStringLiteral("imported")); !s)
            return s.error();
        if (auto s = tx.commit(action); !s)
            return s.error();
        return ImportOutcome::Inserted;
    });
}

QFuture<Result<ReachEstimate>> SessionSegmentStore::estimateReach(const Definition& definition, const QString&)
{
    return m_executor.run<ReachEstimate>([this, definition](SqlSession& db) { return SessionReach(db, m_sql, *m_catalogue).estimate(definition); });
}

QFuture<Result<QHash<QString, qint64>>> SessionSegmentStore::reachOfSegments(const QStringList& ids)
{
    return m_executor.run<QHash<QString, qint64>>([this, ids](SqlSession& db) -> Result<QHash<QString, qint64>> {
        return SessionReach(db, m_sql, *m_catalogue).ofSegments(ids);
    });
}

} // namespace core
