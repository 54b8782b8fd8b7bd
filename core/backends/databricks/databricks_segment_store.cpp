#include "backends/databricks/databricks_segment_store.h"

#include "backends/databricks/databricks_access_store.h"
#include "backends/databricks/write_not_applied.h"
#include "domain/audit_entry.h"
#include "domain/definition_describer.h"
#include "domain/segment_json.h"
#include "sql/access_sql.h"
#include "sql/reach_query_builder.h"
#include "sql/segment_row_reader.h"

#include <QPromise>

namespace core {

namespace {

constexpr int kReachWindowDays = kDefaultReachWindowDays;

template <typename T>
QFuture<Result<T>> ready(Result<T> value)
{
    QPromise<Result<T>> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

QSet<QString> liveNameKeys(const QList<Segment>& segments, const QString& exceptId)
{
    QSet<QString> out;
    for (const auto& s : segments) {
        if (!s.isDeleted() && s.id != exceptId)
            out.insert(SegmentValidator::nameKey(s.name));
    }
    return out;
}

} // namespace

DatabricksSegmentStore::DatabricksSegmentStore(StatementClient* statements, QString catalog, QString schema,
                                               std::shared_ptr<const Catalogue> catalogue, QString displayHost)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)), m_catalogue(catalogue),
      m_displayHost(std::move(displayHost)),
      m_sql(SqlTarget{SqlDialect::Databricks,
                      QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_auditSql(m_sql.target()), m_rules(catalogue), m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
    m_ownAccess = std::make_unique<DatabricksAccessStore>(statements, m_catalog, m_schema);
    m_access = m_ownAccess.get();
}

DatabricksSegmentStore::~DatabricksSegmentStore() = default;

void DatabricksSegmentStore::setAccess(DatabricksAccessStore* access)
{
    m_access = access;
    m_ownAccess.reset();
}

QFuture<Result<Segment>> DatabricksSegmentStore::asWriter(const QString& advertiserId, const WriteOrigin& origin, Write write)
{
    if (!m_access)
        return write(origin);
    return m_access->writerFor(advertiserId, AccessRules::Action::EditSegments)
        .then(m_context.get(), [write, origin](Result<QString> who) {
            if (!who)
                return ready<Segment>(who.error());
            return write(origin.as(who.value()));
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::asWriterOf(const QString& segmentId, const WriteOrigin& origin, Write write)
{
    if (!m_access)
        return write(origin);
    return fetch(segmentId)
        .then(m_context.get(), [this, origin, write](Result<Segment> current) {
            if (!current)
                return ready<Segment>(current.error());
            return asWriter(current.value().advertiserId, origin, write);
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::createSegment(const Segment& draft, const WriteOrigin& origin)
{
    return asWriter(draft.advertiserId, origin, [this, draft](const WriteOrigin& who) { return createAs(draft, who); });
}

QFuture<Result<Segment>> DatabricksSegmentStore::updateSegment(const Segment& edited, const WriteOrigin& origin)
{
    return asWriterOf(edited.id, origin, [this, edited](const WriteOrigin& who) { return updateAs(edited, who); });
}

QFuture<Result<Segment>> DatabricksSegmentStore::deleteSegment(const QString& id, int baseVersion, const WriteOrigin& origin)
{
    return asWriterOf(id, origin, [this, id, baseVersion](const WriteOrigin& who) { return deleteAs(id, baseVersion, who); });
}

QFuture<Result<Segment>> DatabricksSegmentStore::restoreSegment(const QString& id, const WriteOrigin& origin)
{
    return asWriterOf(id, origin, [this, id](const WriteOrigin& who) { return restoreAs(id, who); });
}

Result<QList<Segment>> DatabricksSegmentStore::readSegments(const StatementResult& result)
{
    return SegmentRowReader::segments(result.rows.size(),
                                      [&](qsizetype row, const QString& name) { return result.value(row, name); });
}

QString DatabricksSegmentStore::backendKind() const { return QStringLiteral("databricks"); }

QString DatabricksSegmentStore::displayName() const
{
    return QStringLiteral("Databricks — %1 · %2.%3").arg(m_displayHost, m_catalog, m_schema);
}

QFuture<Result<StatementResult>> DatabricksSegmentStore::run(const BoundSql& sql, const QString& what,
                                                            const std::function<void(const QString&)>& accepted)
{
    StatementRequest request = StatementRequest::of(sql, m_catalog, m_schema, what);
    request.accepted = accepted;
    return m_statements->execute(request);
}

QFuture<Result<QList<Segment>>> DatabricksSegmentStore::segments(const BoundSql& sql, const QString& what)
{
    return run(sql, what).then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<Segment>> {
        if (!r)
            return r.error();
        return readSegments(r.value());
    });
}

QFuture<Result<Segment>> DatabricksSegmentStore::fetch(const QString& id)
{
    return segments(m_sql.selectById(id), QStringLiteral("read the segment"))
        .then(m_context.get(), [id](Result<QList<Segment>> r) -> Result<Segment> {
            if (!r)
                return r.error();
            if (r.value().isEmpty())
                return Error::notFound(QStringLiteral("There is no segment with id %1 in Databricks.").arg(id));
            return r.value().first();
        });
}

QFuture<Result<QList<Advertiser>>> DatabricksSegmentStore::listAdvertisers()
{
    return run(m_sql.listAdvertisers(), QStringLiteral("list the advertisers"))
        .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<Advertiser>> {
            if (!r)
                return r.error();
            QList<Advertiser> out;
            for (qsizetype i = 0; i < r.value().rows.size(); ++i)
                out.append({r.value().value(i, QStringLiteral("advertiser_id")).toString(),
                            r.value().value(i, QStringLiteral("name")).toString(),
                            Advertiser::normaliseCurrency(r.value().value(i, QStringLiteral("currency")).toString())});
            return out;
        });
}

QFuture<Status> DatabricksSegmentStore::saveAdvertiser(const Advertiser& advertiser)
{
    if (advertiser.id.trimmed().isEmpty() || advertiser.name.trimmed().isEmpty())
        return ready<Done>(Error::validation(QStringLiteral("advertiser_invalid"), QStringLiteral("An advertiser needs an id and a name.")));
    if (auto s = Advertiser::validateCurrency(Advertiser::normaliseCurrency(advertiser.currency)); !s)
        return ready<Done>(s);
    const QString id = advertiser.id.trimmed();
    return run(m_sql.upsertAdvertiser(advertiser), QStringLiteral("save the advertiser"))
        .then(m_context.get(), [this, id](Result<StatementResult> r) {
            if (!r)
                return ready<StatementResult>(r.error());
            if (r.value().affectedRows() != 1)
                return ready<StatementResult>(writeNotApplied(QStringLiteral("save the advertiser"), r.value().affectedRows()));
            // A new advertiser of a managed workspace: its creator owns it (nothing otherwise).
            const AccessSql access(m_sql.target());
            return run(access.claimNewAdvertiser(id, SegmentJson::formatTime(SegmentChangeRules::now()), {}),
                       QStringLiteral("save the advertiser"));
        })
        .unwrap()
        .then(m_context.get(), [](Result<StatementResult> r) -> Status {
            if (!r)
                return r.error();
            return success();
        });
}

QFuture<Result<QList<Segment>>> DatabricksSegmentStore::listSegments(const SegmentQuery& query)
{
    return segments(m_sql.list(query), QStringLiteral("list the segments"));
}

QFuture<Result<Segment>> DatabricksSegmentStore::getSegment(const QString& id) { return fetch(id); }

QFuture<Result<Segment>> DatabricksSegmentStore::audit(const Segment& written, const std::optional<Segment>& before,
                                                 const QString& change)
{
    return run(m_auditSql.record(AuditEntries::ofSegment(before, written, change)),
               QStringLiteral("record the change in the audit trail"))
        .then(m_context.get(), [written](Result<StatementResult> r) -> Result<Segment> {
            if (!r)
                return r.error();
            return written;
        });
}

QFuture<Result<Segment>> DatabricksSegmentStore::write(const Segment& prepared, const std::optional<Segment>& before,
                                                 const QString& change, const WriteOrigin& origin)
{
    const QString& changeKey = origin.changeKey;
    const auto sent = origin.statementSent; // each write statement's id, for the outbox
    const int baseVersion = before ? before->version : 0;
    const QString what = QStringLiteral("save the segment");
    // The first version row has no key: a writer that loses the race may record it, and its key
    // would then claim a version it did not make. Only the winner's confirmation adds the key.
    const BoundSql versionSql = m_sql.insertVersion(SegmentChangeRules::versionRecord(prepared, change));
    const BoundSql confirmSql = m_sql.confirmVersion(SegmentChangeRules::versionRecord(prepared, change, changeKey));
    const BoundSql segmentSql = baseVersion == 0 ? m_sql.insertIfAbsent(prepared, change == QLatin1String("imported"))
                                                 : m_sql.updateIfVersion(prepared, baseVersion);
    // The history row first (a MERGE keyed by segment and version, so a repeat is a no-op): a write
    // whose answer is lost has its history already, and the outbox's replay finds it whole. Then
    // the guarded write of the segment. Then, by the writer whose guarded write matched only, the
    // version row again, replacing what a writer that lost the race from the same version may have
    // recorded first (found by the load run, tests/bench/shared_workspace_load). The audit last.
    return run(versionSql, QStringLiteral("record the segment's history"), sent)
        .then(m_context.get(), [this, segmentSql, what, sent](Result<StatementResult> r) {
            if (!r)
                return ready<StatementResult>(r.error());
            return run(segmentSql, what, sent);
        })
        .unwrap()
        .then(m_context.get(), [this, prepared, baseVersion](Result<StatementResult> r) {
            if (!r)
                return ready<Segment>(r.error());
            const qint64 affected = r.value().affectedRows();
            if (affected == 1)
                return ready<Segment>(prepared);
            if (affected != 0)
                return ready<Segment>(writeNotApplied(QStringLiteral("save the segment"), affected));
            // No row changed: either someone else wrote first, or this very write already landed
            // (a request repeated after a lost answer). The stored row tells which.
            return fetch(prepared.id).then(m_context.get(), [prepared, baseVersion](Result<Segment> current) -> Result<Segment> {
                if (!current)
                    return current.error();
                if (current.value() == prepared)
                    return prepared;
                if (baseVersion == 0)
                    return Error::conflict(QStringLiteral("id_taken"),
                                           QStringLiteral("A segment with id %1 already exists.").arg(prepared.id),
                                           QStringLiteral("Save it as an update of that segment instead."));
                return staleVersionError(current.value(), baseVersion);
            });
        })
        .unwrap()
        .then(m_context.get(), [this, confirmSql, sent](Result<Segment> saved) {
            if (!saved)
                return ready<Segment>(saved.error());
            return run(confirmSql, QStringLiteral("record the segment's history"), sent)
                .then(m_context.get(), [segment = saved.value()](Result<StatementResult> r) -> Result<Segment> {
                    if (!r)
                        return r.error();
                    return segment;
                });
        })
        .unwrap()
        .then(m_context.get(), [this, before, change](Result<Segment> written) {
            if (!written)
                return ready<Segment>(written.error());
            return audit(written.value(), before, change);
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::createAs(const Segment& draft, const WriteOrigin& who)
{
    SegmentQuery sameAdvertiser;
    sameAdvertiser.advertiserId = draft.advertiserId;
    sameAdvertiser.deleted = SegmentQuery::Deleted::Exclude;
    return run(m_sql.advertiserExists(draft.advertiserId), QStringLiteral("check the advertiser"))
        .then(m_context.get(), [this, draft, sameAdvertiser](Result<StatementResult> r) {
            if (!r)
                return ready<QList<Segment>>(r.error());
            if (r.value().value(0, QStringLiteral("n")).toLongLong() < 1)
                return ready<QList<Segment>>(Error::validation(
                    QStringLiteral("advertiser_unknown"),
                    QStringLiteral("There is no advertiser “%1” in Databricks.").arg(draft.advertiserId)));
            return segments(m_sql.list(sameAdvertiser), QStringLiteral("check the segment name"));
        })
        .unwrap()
        .then(m_context.get(), [this, draft, who](Result<QList<Segment>> existing) {
            if (!existing)
                return ready<Segment>(existing.error());
            auto created = m_rules.prepareCreate(draft, who.user, SegmentChangeRules::now(),
                                                 liveNameKeys(existing.value(), draft.id), SegmentValidator::resolverOf(existing.value()));
            if (!created)
                return ready<Segment>(created.error());
            return write(created.value(), std::nullopt, QStringLiteral("created"), who);
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::updateAs(const Segment& edited, const WriteOrigin& who)
{
    return fetch(edited.id)
        .then(m_context.get(), [this, edited, who](Result<Segment> current) {
            if (!current)
                return ready<Segment>(current.error());
            SegmentQuery sameAdvertiser;
            sameAdvertiser.advertiserId = current.value().advertiserId;
            const Segment base = current.value();
            return segments(m_sql.list(sameAdvertiser), QStringLiteral("check the segment name"))
                .then(m_context.get(), [this, base, edited, who](Result<QList<Segment>> existing) {
                    if (!existing)
                        return ready<Segment>(existing.error());
                    auto updated = m_rules.prepareUpdate(base, edited, who.user, SegmentChangeRules::now(),
                                                         liveNameKeys(existing.value(), edited.id),
                                                         SegmentValidator::resolverOf(existing.value()));
                    if (!updated)
                        return ready<Segment>(updated.error());
                    return write(updated.value(), base, QStringLiteral("updated"), who);
                })
                .unwrap();
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::deleteAs(const QString& id, int baseVersion, const WriteOrigin& who)
{
    return fetch(id)
        .then(m_context.get(), [this, baseVersion, who](Result<Segment> current) {
            if (!current)
                return ready<Segment>(current.error());
            auto deleted = m_rules.prepareDelete(current.value(), baseVersion, who.user, SegmentChangeRules::now());
            if (!deleted)
                return ready<Segment>(deleted.error());
            return write(deleted.value(), current.value(), QStringLiteral("deleted"), who);
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::restoreAs(const QString& id, const WriteOrigin& who)
{
    return fetch(id)
        .then(m_context.get(), [this, who](Result<Segment> current) {
            if (!current)
                return ready<Segment>(current.error());
            SegmentQuery sameAdvertiser;
            sameAdvertiser.advertiserId = current.value().advertiserId;
            const Segment base = current.value();
            return segments(m_sql.list(sameAdvertiser), QStringLiteral("check the segment name"))
                .then(m_context.get(), [this, base, who](Result<QList<Segment>> existing) {
                    if (!existing)
                        return ready<Segment>(existing.error());
                    auto restored = m_rules.prepareRestore(base, who.user, SegmentChangeRules::now(),
                                                           liveNameKeys(existing.value(), base.id));
                    if (!restored)
                        return ready<Segment>(restored.error());
                    return write(restored.value(), base, QStringLiteral("restored"), who);
                })
                .unwrap();
        })
        .unwrap();
}

QFuture<Result<Segment>> DatabricksSegmentStore::restoreVersion(const QString& id, int version, int baseVersion,
                                                                const WriteOrigin& origin)
{
    return asWriterOf(id, origin, [this, id, version, baseVersion](const WriteOrigin& who) {
        return revertAs(id, version, baseVersion, who);
    });
}

QFuture<Result<Segment>> DatabricksSegmentStore::revertAs(const QString& id, int version, int baseVersion,
                                                          const WriteOrigin& who)
{
    return fetch(id)
        .then(m_context.get(), [this, id, version, baseVersion, who](Result<Segment> current) {
            if (!current)
                return ready<Segment>(current.error());
            const Segment base = current.value();
            return segmentHistory(id)
                .then(m_context.get(), [this, base, version, baseVersion, who](Result<QList<SegmentVersion>> history) {
                    if (!history)
                        return ready<Segment>(history.error());
                    SegmentQuery sameAdvertiser;
                    sameAdvertiser.advertiserId = base.advertiserId;
                    const QList<SegmentVersion> versions = history.value();
                    return segments(m_sql.list(sameAdvertiser), QStringLiteral("check the segment name"))
                        .then(m_context.get(), [this, base, versions, version, baseVersion, who](Result<QList<Segment>> existing) {
                            if (!existing)
                                return ready<Segment>(existing.error());
                            auto reverted = m_rules.prepareRevert(base, versions, version, baseVersion, who.user,
                                                                  SegmentChangeRules::now(),
                                                                  liveNameKeys(existing.value(), base.id),
                                                                  SegmentValidator::resolverOf(existing.value()));
                            if (!reverted)
                                return ready<Segment>(reverted.error());
                            return write(reverted.value(), base, QStringLiteral("reverted"), who);
                        })
                        .unwrap();
                })
                .unwrap();
        })
        .unwrap();
}

QFuture<Result<QList<SegmentVersion>>> DatabricksSegmentStore::segmentHistory(const QString& id)
{
    return fetch(id)
        .then(m_context.get(), [this, id](Result<Segment> current) {
            if (!current)
                return ready<QList<SegmentVersion>>(current.error());
            return run(m_sql.history(id), QStringLiteral("read the segment's history"))
                .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<SegmentVersion>> {
                    if (!r)
                        return r.error();
                    QList<SegmentVersion> out;
                    for (qsizetype row = 0; row < r.value().rows.size(); ++row) {
                        auto v = SegmentRowReader::version([&](const QString& name) { return r.value().value(row, name); });
                        if (!v)
                            return v.error();
                        out.append(std::move(v).value());
                    }
                    return out;
                });
        })
        .unwrap();
}

QFuture<Result<ImportOutcome>> DatabricksSegmentStore::importSegment(const Segment& segment)
{
    if (auto s = m_rules.checkImport(segment); !s)
        return ready<ImportOutcome>(s.error());
    Segment incoming = segment;
    incoming.definitionHash = segment.definition.hash();
    SegmentQuery sameAdvertiser;
    sameAdvertiser.advertiserId = segment.advertiserId;
    sameAdvertiser.deleted = SegmentQuery::Deleted::Include;
    return segments(m_sql.list(sameAdvertiser), QStringLiteral("import the segment"))
        .then(m_context.get(), [this, incoming](Result<QList<Segment>> existing) {
            if (!existing)
                return ready<ImportOutcome>(existing.error());
            for (const auto& s : existing.value()) {
                if (s.id != incoming.id)
                    continue;
                if (s == incoming)
                    return ready<ImportOutcome>(ImportOutcome::Unchanged);
                return ready<ImportOutcome>(Error::conflict(
                    QStringLiteral("import_conflict"),
                    QStringLiteral("Databricks already holds a different version of “%1” (id %2).").arg(incoming.name, incoming.id),
                    QStringLiteral("Delete it first or import into another schema.")));
            }
            if (!incoming.isDeleted() && liveNameKeys(existing.value(), incoming.id).contains(SegmentValidator::nameKey(incoming.name)))
                return ready<ImportOutcome>(Error::conflict(
                    QStringLiteral("name_taken"), QStringLiteral("This advertiser already has a segment called “%1”.").arg(incoming.name),
                    QStringLiteral("Rename one of them before importing.")));
            return run(m_sql.advertiserExists(incoming.advertiserId), QStringLiteral("check the advertiser"))
                .then(m_context.get(), [this, incoming](Result<StatementResult> r) {
                    if (!r)
                        return ready<ImportOutcome>(r.error());
                    if (r.value().value(0, QStringLiteral("n")).toLongLong() < 1)
                        return ready<ImportOutcome>(Error::validation(
                            QStringLiteral("advertiser_unknown"),
                            QStringLiteral("There is no advertiser “%1” in Databricks.").arg(incoming.advertiserId)));
                    return write(incoming, std::nullopt, QStringLiteral("imported"), WriteOrigin{})
                        .then(m_context.get(), [](Result<Segment> written) -> Result<ImportOutcome> {
                            if (!written)
                                return written.error();
                            return ImportOutcome::Inserted;
                        });
                })
                .unwrap();
        })
        .unwrap();
}

QFuture<Result<ReachEstimate>> DatabricksSegmentStore::reachWith(const Definition& definition, const QList<Segment>& known)
{
    const auto resolver = SegmentValidator::resolverOf(known);
    QHash<QString, QString> names;
    for (const auto& s : known)
        names.insert(s.id, s.name);
    return run(m_sql.dataAsOf(), QStringLiteral("estimate the reach"))
        .then(m_context.get(), [this, definition, resolver, names](Result<StatementResult> r) {
            if (!r)
                return ready<ReachEstimate>(r.error());
            const QDate asOf = QDate::fromString(r.value().value(0, QStringLiteral("as_of")).toString(), Qt::ISODate);
            if (!asOf.isValid()) {
                ReachEstimate empty;
                empty.windowDays = kReachWindowDays;
                return ready<ReachEstimate>(empty);
            }
            const ReachQueryBuilder builder(m_sql.target(), asOf, kReachWindowDays, resolver);
            auto bound = builder.build(definition);
            if (!bound)
                return ready<ReachEstimate>(bound.error());
            return run(bound.value(), QStringLiteral("estimate the reach"))
                .then(m_context.get(), [this, builder, definition, names](Result<StatementResult> row) -> Result<ReachEstimate> {
                    if (!row)
                        return row.error();
                    ReachEstimate e = builder.read(definition, [&](const QString& column) {
                        return row.value().value(0, column).toLongLong();
                    });
                    const DefinitionDescriber describer(m_catalogue, [names](const QString& id) { return names.value(id); });
                    for (auto& step : e.waterfall)
                        step.label = describer.describe(definition.root().children[static_cast<std::size_t>(step.conditionIndex)]);
                    return e;
                });
        })
        .unwrap();
}

QFuture<Result<ReachEstimate>> DatabricksSegmentStore::estimateReach(const Definition& definition, const QString& advertiserId)
{
    if (definition.referencedSegments().isEmpty())
        return reachWith(definition, {});
    SegmentQuery sameAdvertiser;
    sameAdvertiser.advertiserId = advertiserId;
    return segments(m_sql.list(sameAdvertiser), QStringLiteral("estimate the reach"))
        .then(m_context.get(), [this, definition](Result<QList<Segment>> known) {
            if (!known)
                return ready<ReachEstimate>(known.error());
            return reachWith(definition, known.value());
        })
        .unwrap();
}

QFuture<Result<QHash<QString, qint64>>> DatabricksSegmentStore::reachOfSegments(const QStringList& ids)
{
    auto promise = std::make_shared<QPromise<Result<QHash<QString, qint64>>>>();
    promise->start();
    auto future = promise->future();
    segments(m_sql.selectByIds(ids), QStringLiteral("estimate the reach"))
        .then(m_context.get(), [this, promise](Result<QList<Segment>> found) {
            if (!found) {
                promise->addResult(found.error());
                promise->finish();
                return;
            }
            // One estimate after another, so a large list does not flood the warehouse.
            auto results = std::make_shared<QHash<QString, qint64>>();
            auto queue = std::make_shared<QList<Segment>>(found.value());
            auto next = std::make_shared<std::function<void()>>();
            *next = [this, promise, results, queue, next] {
                if (queue->isEmpty()) {
                    promise->addResult(*results);
                    promise->finish();
                    *next = nullptr; // break the cycle
                    return;
                }
                const Segment s = queue->takeFirst();
                estimateReach(s.definition, s.advertiserId).then(m_context.get(), [promise, results, next, s](Result<ReachEstimate> r) {
                    if (!r) {
                        promise->addResult(r.error());
                        promise->finish();
                        *next = nullptr;
                        return;
                    }
                    results->insert(s.id, r.value().reach);
                    (*next)();
                });
            };
            (*next)();
        });
    return future;
}

} // namespace core
