#include "backends/databricks/databricks_saved_comparison_store.h"

#include <QSet>

#include "databricks/statement/statement_client.h"
#include "backends/databricks/write_not_applied.h"
#include "sql/saved_comparison_rows.h"
#include "domain/segment_change_rules.h"

namespace core {

namespace {

template <typename T> QFuture<T> readyFuture(T value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

} // namespace

DatabricksSavedComparisonStore::DatabricksSavedComparisonStore(StatementClient* statements, QString catalog,
                                                               QString schema)
    : m_statements(statements), m_catalog(std::move(catalog)), m_schema(std::move(schema)),
      m_sql(SqlTarget{SqlDialect::Databricks, QStringLiteral("`%1`.`%2`.").arg(m_catalog, m_schema)}),
      m_context(std::make_unique<QObject>())
{
    m_context->moveToThread(statements->thread());
}

DatabricksSavedComparisonStore::~DatabricksSavedComparisonStore() = default;

QString DatabricksSavedComparisonStore::location() const
{
    return QStringLiteral("the Databricks workspace (shared with everyone who can read %1.%2)")
        .arg(m_catalog, m_schema);
}

QFuture<Result<StatementResult>> DatabricksSavedComparisonStore::run(const BoundSql& sql, const QString& what)
{
    return m_statements->execute(StatementRequest::of(sql, m_catalog, m_schema, what));
}

QFuture<Result<QList<SavedComparison>>> DatabricksSavedComparisonStore::read(const BoundSql& sql,
                                                                             const QString& what)
{
    return run(sql, what).then(m_context.get(),
                               [](Result<StatementResult> r) -> Result<QList<SavedComparison>> {
                                   if (!r)
                                       return r.error();
                                   const StatementResult& result = r.value();
                                   QList<SavedComparison> out;
                                   for (qsizetype row = 0; row < result.rows.size(); ++row) {
                                       auto c = SavedComparisonRows::read(
                                           [&](const QString& column) { return result.value(row, column); });
                                       if (!c)
                                           return c.error();
                                       out.append(c.value());
                                   }
                                   return out;
                               });
}

QFuture<Result<QList<SavedComparison>>> DatabricksSavedComparisonStore::list()
{
    return read(m_sql.list(), QStringLiteral("list the saved comparisons"));
}

QFuture<Result<SavedComparison>> DatabricksSavedComparisonStore::get(const QString& id)
{
    return read(m_sql.selectById(id), QStringLiteral("open the saved comparison"))
        .then(m_context.get(), [id](Result<QList<SavedComparison>> r) -> Result<SavedComparison> {
            if (!r)
                return r.error();
            if (r.value().isEmpty())
                return SavedComparisonRows::unknownComparison(id);
            return r.value().first();
        });
}

QFuture<Status> DatabricksSavedComparisonStore::check(const SavedComparison& c, bool checkName,
                                                      const QString& what)
{
    if (auto s = SavedComparisonRows::validate(c); !s)
        return readyFuture<Status>(s);
    QFuture<Status> nameFree = readyFuture<Status>(success());
    if (checkName) {
        nameFree = run(m_sql.sameName(c.name, c.id), what)
                       .then(m_context.get(), [](Result<StatementResult> r) -> Status {
                           if (!r)
                               return r.error();
                           if (!r.value().rows.isEmpty())
                               return SavedComparisonRows::nameTaken(
                                   r.value().value(0, QStringLiteral("name")).toString());
                           return success();
                       });
    }
    return nameFree
        .then(m_context.get(),
              [this, c, what](Status s) {
                  if (!s)
                      return readyFuture<Result<StatementResult>>(s.error());
                  return run(m_sql.liveSegmentIds(c.request.segmentIds), what);
              })
        .unwrap()
        .then(m_context.get(), [c](Result<StatementResult> r) -> Status {
            if (!r)
                return r.error();
            QSet<QString> live;
            for (qsizetype row = 0; row < r.value().rows.size(); ++row)
                live.insert(r.value().value(row, QStringLiteral("segment_id")).toString());
            for (const auto& id : c.request.segmentIds) {
                if (!live.contains(id))
                    return SavedComparisonRows::segmentGone(id);
            }
            return success();
        });
}

QFuture<Result<SavedComparison>> DatabricksSavedComparisonStore::explainNoInsert(const SavedComparison& c,
                                                                                 const QString& what)
{
    return run(m_sql.sameName(c.name, QString()), what)
        .then(m_context.get(), [c, what](Result<StatementResult> r) -> Result<SavedComparison> {
            if (!r)
                return r.error();
            if (r.value().rows.isEmpty())
                return writeNotApplied(what, 0);
            if (r.value().value(0, QStringLiteral("comparison_id")).toString() == c.id)
                return c; // a repeated request whose first answer was lost
            return SavedComparisonRows::nameTaken(r.value().value(0, QStringLiteral("name")).toString());
        });
}

QFuture<Result<SavedComparison>> DatabricksSavedComparisonStore::create(const QString& name,
                                                                        const ComparisonRequest& request)
{
    const QString what = QStringLiteral("save the comparison");
    const SavedComparison c = SavedComparisonRows::prepareNew(name, request);
    SavedComparison saved = c;
    saved.name = saved.name.trimmed();
    return check(c, false, what)
        .then(m_context.get(),
              [this, c, what](Status s) {
                  if (!s)
                      return readyFuture<Result<StatementResult>>(s.error());
                  return run(m_sql.insertIfNameFree(c), what);
              })
        .unwrap()
        .then(m_context.get(),
              [this, saved, what](Result<StatementResult> r) {
                  if (!r)
                      return readyFuture<Result<SavedComparison>>(r.error());
                  const qint64 affected = r.value().affectedRows();
                  if (affected == 1)
                      return readyFuture<Result<SavedComparison>>(saved);
                  if (affected != 0)
                      return readyFuture<Result<SavedComparison>>(writeNotApplied(what, affected));
                  return explainNoInsert(saved, what);
              })
        .unwrap();
}

QFuture<Result<SavedComparison>> DatabricksSavedComparisonStore::update(const SavedComparison& comparison)
{
    const QString what = QStringLiteral("save the comparison");
    auto prepared = std::make_shared<SavedComparison>(comparison);
    return get(comparison.id)
        .then(m_context.get(),
              [this, prepared, what](Result<SavedComparison> current) {
                  if (!current)
                      return readyFuture<Status>(current.error());
                  prepared->createdAt = current.value().createdAt;
                  prepared->updatedAt = SegmentChangeRules::now();
                  return check(*prepared, true, what);
              })
        .unwrap()
        .then(m_context.get(),
              [this, prepared, what](Status s) {
                  if (!s)
                      return readyFuture<Result<StatementResult>>(s.error());
                  return run(m_sql.updateById(*prepared), what);
              })
        .unwrap()
        .then(m_context.get(), [prepared, what](Result<StatementResult> r) -> Result<SavedComparison> {
            if (!r)
                return r.error();
            const qint64 affected = r.value().affectedRows();
            if (affected == 0)
                return SavedComparisonRows::unknownComparison(prepared->id); // deleted meanwhile
            if (affected != 1)
                return writeNotApplied(what, affected);
            SavedComparison saved = *prepared;
            saved.name = saved.name.trimmed();
            return saved;
        });
}

QFuture<Status> DatabricksSavedComparisonStore::remove(const QString& id)
{
    const QString what = QStringLiteral("delete the saved comparison");
    return run(m_sql.deleteById(id), what)
        .then(m_context.get(), [id, what](Result<StatementResult> r) -> Status {
            if (!r)
                return r.error();
            const qint64 affected = r.value().affectedRows();
            if (affected == 0)
                return SavedComparisonRows::unknownComparison(id);
            if (affected != 1)
                return writeNotApplied(what, affected);
            return success();
        });
}

} // namespace core
