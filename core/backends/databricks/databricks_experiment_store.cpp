#include "backends/databricks/databricks_experiment_store.h"

#include "domain/audit_entry.h"

#include <QPromise>

#include "backends/databricks/databricks_access_store.h"
#include "backends/databricks/databricks_segment_store.h"
#include "backends/databricks/write_not_applied.h"
#include "domain/experiment_rules.h"
#include "domain/reach_estimate.h"
#include "domain/segment_change_rules.h"
#include "domain/segment_validator.h"
#include "sql/experiment_rows.h"

namespace core {

namespace {

constexpr int kWindowDays = kDefaultReachWindowDays;

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

ExperimentRows::Cell cellOf(const StatementResult& result)
{
    return [&result](qsizetype row, const QString& name) { return result.value(row, name); };
}

} // namespace

struct DatabricksExperimentStore::Subject
{
    Experiment experiment;
    Segment segment;
    QList<Segment> advertiserSegments; // for the definitions the segment refers to
    QDate asOf;
};

DatabricksExperimentStore::DatabricksExperimentStore(StatementClient* statements, QString catalog, QString schema)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_segmentSql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_auditSql(m_sql.target()), m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
    m_ownAccess = std::make_unique<DatabricksAccessStore>(statements, m_catalog, m_schema);
    m_access = m_ownAccess.get();
}

DatabricksExperimentStore::~DatabricksExperimentStore() = default;

QFuture<Result<StatementResult>> DatabricksExperimentStore::run(const BoundSql& sql, const QString& what,
                                                               const std::function<void(const QString&)>& accepted)
{
    StatementRequest request = StatementRequest::of(sql, m_catalog, m_schema, what);
    request.accepted = accepted;
    return m_statements->execute(request);
}

QFuture<Result<QList<Experiment>>> DatabricksExperimentStore::experiments(const BoundSql& sql, const QString& what)
{
    return run(sql, what).then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<Experiment>> {
        if (!r)
            return r.error();
        return ExperimentRows::experiments(r.value().rows.size(), cellOf(r.value()));
    });
}

QFuture<Result<Experiment>> DatabricksExperimentStore::fetch(const QString& id)
{
    return experiments(m_sql.selectById(id), QStringLiteral("read the experiment"))
        .then(m_context.get(), [id](Result<QList<Experiment>> r) -> Result<Experiment> {
            if (!r)
                return r.error();
            if (r.value().isEmpty())
                return ExperimentRules::unknownExperiment(id);
            return r.value().first();
        });
}

QFuture<Result<QList<Experiment>>> DatabricksExperimentStore::list(const ExperimentQuery& query)
{
    return experiments(m_sql.list(query.advertiserId, query.segmentId), QStringLiteral("list the experiments"));
}

QFuture<Result<Experiment>> DatabricksExperimentStore::get(const QString& id) { return fetch(id); }

QFuture<Status> DatabricksExperimentStore::keyFree(const Experiment& e)
{
    return experiments(m_sql.selectByKey(e.key), QStringLiteral("check the experiment key"))
        .then(m_context.get(), [e](Result<QList<Experiment>> holders) -> Status {
            if (!holders)
                return holders.error();
            for (const auto& other : holders.value()) {
                if (other.id != e.id)
                    return ExperimentRules::keyTakenError(e.key, other.name);
            }
            return success();
        });
}

QFuture<Result<Experiment>> DatabricksExperimentStore::write(const Experiment& prepared,
                                                             const std::optional<Experiment>& before, const QString& change,
                                                             const WriteOrigin& origin)
{
    const int baseVersion = before ? before->version : 0;
    const QString what = QStringLiteral("save the experiment");
    const auto sent = origin.statementSent; // each write statement's id, for the outbox
    // The first version row has no key: a writer that loses the race may record it, and its key
    // would then claim a version it did not make. Only the winner's confirmation adds the key.
    const BoundSql versionSql = m_sql.insertVersion(prepared, change);
    const BoundSql confirmSql = m_sql.confirmVersion(prepared, change, origin.changeKey);
    const BoundSql rowSql = baseVersion == 0 ? m_sql.insertIfKeyFree(prepared) : m_sql.updateIfVersion(prepared, baseVersion);
    return run(versionSql, QStringLiteral("record the experiment's history"), sent)
        .then(m_context.get(),
              [this, rowSql, what, sent](Result<StatementResult> r) {
                  if (!r)
                      return ready<StatementResult>(r.error());
                  return run(rowSql, what, sent);
              })
        .unwrap()
        .then(m_context.get(),
              [this, prepared, baseVersion, what](Result<StatementResult> r) {
                  if (!r)
                      return ready<Experiment>(r.error());
                  const qint64 affected = r.value().affectedRows();
                  if (affected == 1)
                      return ready<Experiment>(prepared);
                  if (affected != 0)
                      return ready<Experiment>(writeNotApplied(what, affected));
                  // No row changed: someone else wrote first (the key, or a newer version), or this
                  // very write already landed (a request repeated after a lost answer).
                  const BoundSql holder = baseVersion == 0 ? m_sql.selectByKey(prepared.key) : m_sql.selectById(prepared.id);
                  return experiments(holder, what).then(
                      m_context.get(), [prepared, baseVersion](Result<QList<Experiment>> found) -> Result<Experiment> {
                          if (!found)
                              return found.error();
                          for (const auto& current : found.value()) {
                              if (current == prepared)
                                  return prepared;
                          }
                          if (baseVersion == 0) {
                              if (found.value().isEmpty()) // the id exists under another key
                                  return Error::conflict(QStringLiteral("id_taken"),
                                                         QStringLiteral("An experiment with id %1 already exists.").arg(prepared.id),
                                                         QStringLiteral("Save it as an update of that experiment instead."));
                              return ExperimentRules::keyTakenError(prepared.key, found.value().first().name);
                          }
                          if (found.value().isEmpty())
                              return ExperimentRules::unknownExperiment(prepared.id);
                          return ExperimentRules::staleVersionError(found.value().first(), baseVersion);
                      });
              })
        .unwrap()
        .then(m_context.get(),
              [this, confirmSql, sent](Result<Experiment> written) {
                  if (!written)
                      return ready<Experiment>(written.error());
                  return run(confirmSql, QStringLiteral("record the experiment's history"), sent)
                      .then(m_context.get(), [e = written.value()](Result<StatementResult> r) -> Result<Experiment> {
                          if (!r)
                              return r.error();
                          return e;
                      });
              })
        .unwrap()
        .then(m_context.get(),
              [this, before, change](Result<Experiment> written) {
                  if (!written)
                      return ready<Experiment>(written.error());
                  const Experiment e = written.value();
                  return run(m_auditSql.record(AuditEntries::ofExperiment(before, e, change)),
                             QStringLiteral("record the change in the audit trail"))
                      .then(m_context.get(), [e](Result<StatementResult> r) -> Result<Experiment> {
                          if (!r)
                              return r.error();
                          return e;
                      });
              })
        .unwrap();
}

void DatabricksExperimentStore::setAccess(DatabricksAccessStore* access)
{
    m_access = access;
    m_ownAccess.reset();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::asWriter(const QString& advertiserId, const WriteOrigin& origin,
                                                                Write write)
{
    if (!m_access)
        return write(origin);
    return m_access->writerFor(advertiserId, AccessRules::Action::EditExperiments)
        .then(m_context.get(), [write, origin](Result<QString> who) {
            if (!who)
                return ready<Experiment>(who.error());
            return write(origin.as(who.value()));
        })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::create(const Experiment& draft, const WriteOrigin& user)
{
    if (!m_access || draft.segmentId.trimmed().isEmpty())
        return createAs(draft, user);
    return run(m_segmentSql.selectById(draft.segmentId), QStringLiteral("check the experiment's segment"))
        .then(m_context.get(),
              [this, draft, user](Result<StatementResult> r) {
                  if (!r)
                      return ready<Experiment>(r.error());
                  auto segments = DatabricksSegmentStore::readSegments(r.value());
                  if (!segments)
                      return ready<Experiment>(segments.error());
                  if (segments.value().isEmpty())
                      return ready<Experiment>(ExperimentRules::unknownSegment(draft.segmentId));
                  return asWriter(segments.value().first().advertiserId, user,
                                  [this, draft](const WriteOrigin& who) { return createAs(draft, who); });
              })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::update(const Experiment& edited, const WriteOrigin& user)
{
    if (!m_access)
        return updateAs(edited, user);
    return fetch(edited.id)
        .then(m_context.get(),
              [this, edited, user](Result<Experiment> current) {
                  if (!current)
                      return ready<Experiment>(current.error());
                  return asWriter(current.value().advertiserId, user,
                                  [this, edited](const WriteOrigin& who) { return updateAs(edited, who); });
              })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::stop(const QString& id, int baseVersion, const WriteOrigin& user)
{
    if (!m_access)
        return stopAs(id, baseVersion, user);
    return fetch(id)
        .then(m_context.get(),
              [this, id, baseVersion, user](Result<Experiment> current) {
                  if (!current)
                      return ready<Experiment>(current.error());
                  return asWriter(current.value().advertiserId, user,
                                  [this, id, baseVersion](const WriteOrigin& who) { return stopAs(id, baseVersion, who); });
              })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::createAs(const Experiment& draft, const WriteOrigin& user)
{
    if (draft.segmentId.trimmed().isEmpty())
        return ready<Experiment>(experimentValidationError(ExperimentRules::validate(draft)));
    return run(m_segmentSql.selectById(draft.segmentId), QStringLiteral("check the experiment's segment"))
        .then(m_context.get(),
              [this, draft, user](Result<StatementResult> r) {
                  if (!r)
                      return ready<Experiment>(r.error());
                  auto segments = DatabricksSegmentStore::readSegments(r.value());
                  if (!segments)
                      return ready<Experiment>(segments.error());
                  if (segments.value().isEmpty())
                      return ready<Experiment>(ExperimentRules::unknownSegment(draft.segmentId));
                  auto created = ExperimentRules::prepareCreate(draft, segments.value().first(), user.user,
                                                                SegmentChangeRules::now());
                  if (!created)
                      return ready<Experiment>(created.error());
                  const Experiment prepared = created.value();
                  return keyFree(prepared)
                      .then(m_context.get(),
                            [this, prepared, user](Status free) {
                                if (!free)
                                    return ready<Experiment>(free.error());
                                return write(prepared, std::nullopt, QStringLiteral("created"), user);
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::updateAs(const Experiment& edited, const WriteOrigin& user)
{
    return fetch(edited.id)
        .then(m_context.get(),
              [this, edited, user](Result<Experiment> current) {
                  if (!current)
                      return ready<Experiment>(current.error());
                  auto updated = ExperimentRules::prepareUpdate(current.value(), edited, user.user, SegmentChangeRules::now());
                  if (!updated)
                      return ready<Experiment>(updated.error());
                  const Experiment prepared = updated.value();
                  const Experiment base = current.value();
                  return keyFree(prepared)
                      .then(m_context.get(),
                            [this, prepared, base, user](Status free) {
                                if (!free)
                                    return ready<Experiment>(free.error());
                                return write(prepared, base, QStringLiteral("updated"), user);
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<Result<Experiment>> DatabricksExperimentStore::stopAs(const QString& id, int baseVersion, const WriteOrigin& user)
{
    return fetch(id)
        .then(m_context.get(),
              [this, baseVersion, user](Result<Experiment> current) {
                  if (!current)
                      return ready<Experiment>(current.error());
                  auto stopped = ExperimentRules::prepareStop(current.value(), baseVersion, user.user, SegmentChangeRules::now());
                  if (!stopped)
                      return ready<Experiment>(stopped.error());
                  return write(stopped.value(), current.value(), QStringLiteral("stopped"), user);
              })
        .unwrap();
}

QFuture<Result<QList<ExperimentVersion>>> DatabricksExperimentStore::history(const QString& id)
{
    return fetch(id)
        .then(m_context.get(),
              [this, id](Result<Experiment> current) {
                  if (!current)
                      return ready<QList<ExperimentVersion>>(current.error());
                  return run(m_sql.history(id), QStringLiteral("read the experiment's history"))
                      .then(m_context.get(), [](Result<StatementResult> r) -> Result<QList<ExperimentVersion>> {
                          if (!r)
                              return r.error();
                          return ExperimentRows::versions(r.value().rows.size(), cellOf(r.value()));
                      });
              })
        .unwrap();
}

QFuture<Result<DatabricksExperimentStore::Subject>> DatabricksExperimentStore::subject(const QString& id)
{
    auto subject = std::make_shared<Subject>();
    return fetch(id)
        .then(m_context.get(),
              [this, subject](Result<Experiment> e) {
                  if (!e)
                      return ready<StatementResult>(e.error());
                  subject->experiment = e.value();
                  SegmentQuery sameAdvertiser;
                  sameAdvertiser.advertiserId = e.value().advertiserId;
                  sameAdvertiser.deleted = SegmentQuery::Deleted::Include;
                  return run(m_segmentSql.list(sameAdvertiser), QStringLiteral("read the experiment's segment"));
              })
        .unwrap()
        .then(m_context.get(),
              [this, subject](Result<StatementResult> r) {
                  if (!r)
                      return ready<StatementResult>(r.error());
                  auto segments = DatabricksSegmentStore::readSegments(r.value());
                  if (!segments)
                      return ready<StatementResult>(segments.error());
                  subject->advertiserSegments = segments.value();
                  bool found = false;
                  for (const auto& s : segments.value()) {
                      if (s.id == subject->experiment.segmentId && !s.isDeleted()) {
                          subject->segment = s;
                          found = true;
                      }
                  }
                  if (!found)
                      return ready<StatementResult>(Error::notFound(
                          QStringLiteral("The segment of experiment “%1” (%2) was deleted; restore it to see who is in "
                                         "which arm.")
                              .arg(subject->experiment.name, subject->experiment.segmentId)));
                  return run(m_sql.dataAsOf(), QStringLiteral("read the last day with data"));
              })
        .unwrap()
        .then(m_context.get(), [subject](Result<StatementResult> r) -> Result<Subject> {
            if (!r)
                return r.error();
            subject->asOf = QDate::fromString(r.value().value(0, QStringLiteral("as_of")).toString().left(10), Qt::ISODate);
            return *subject;
        });
}

QFuture<Result<QList<ExperimentAssignmentRow>>> DatabricksExperimentStore::assignments(const QString& id)
{
    return subject(id)
        .then(m_context.get(),
              [this](Result<Subject> s) {
                  using Rows = QList<ExperimentAssignmentRow>;
                  if (!s)
                      return ready<Rows>(s.error());
                  if (!s.value().asOf.isValid())
                      return ready<Rows>(Rows{}); // no audience data yet: nobody is a member
                  auto sql = m_sql.assignments(s.value().experiment, s.value().segment, s.value().asOf, kWindowDays,
                                               SegmentValidator::resolverOf(s.value().advertiserSegments));
                  if (!sql)
                      return ready<Rows>(sql.error());
                  return run(sql.value(), QStringLiteral("assign the segment's members to the arms"))
                      .then(m_context.get(), [](Result<StatementResult> r) -> Result<Rows> {
                          if (!r)
                              return r.error();
                          const StatementResult& result = r.value();
                          const int user = result.column(QStringLiteral("user_id"));
                          const int arm = result.column(QStringLiteral("arm"));
                          Rows out;
                          out.reserve(result.rows.size());
                          for (const auto& row : result.rows)
                              out.append(ExperimentAssignmentRow{row.value(user).toString(), row.value(arm).toInt()});
                          return out;
                      });
              })
        .unwrap();
}

QFuture<Result<ExperimentData>> DatabricksExperimentStore::data(const QString& id)
{
    auto subjectOf = std::make_shared<Subject>();
    return subject(id)
        .then(m_context.get(),
              [this, subjectOf](Result<Subject> s) {
                  if (!s)
                      return ready<StatementResult>(s.error());
                  *subjectOf = s.value();
                  if (!s.value().asOf.isValid())
                      return ready<StatementResult>(StatementResult{});
                  const Experiment& e = s.value().experiment;
                  const QDate last = e.endDate.isValid() ? std::min(e.endDate, s.value().asOf) : s.value().asOf;
                  auto sql = m_sql.results(e, s.value().segment, s.value().asOf, kWindowDays,
                                           SegmentValidator::resolverOf(s.value().advertiserSegments), e.startDate, last,
                                           ExperimentSql::needsSquares(e.primaryMetric));
                  if (!sql)
                      return ready<StatementResult>(sql.error());
                  return run(sql.value(), QStringLiteral("compute the experiment's results"));
              })
        .unwrap()
        .then(m_context.get(), [subjectOf](Result<StatementResult> r) -> Result<ExperimentData> {
            if (!r)
                return r.error();
            const Subject& s = *subjectOf;
            const Experiment& e = s.experiment;
            ExperimentData out =
                ExperimentRows::data(static_cast<int>(e.arms.size()), r.value().rows.size(), cellOf(r.value()));
            out.asOf = s.asOf;
            out.firstDay = e.startDate;
            if (s.asOf.isValid()) {
                const QDate last = e.endDate.isValid() ? std::min(e.endDate, s.asOf) : s.asOf;
                out.lastDay = last >= e.startDate ? last : QDate();
            }
            return out;
        });
}

} // namespace core
