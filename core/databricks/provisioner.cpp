#include "databricks/provisioner.h"

#include <spdlog/spdlog.h>

#include <QPromise>
#include <QSet>

#include "databricks/diagnostics/grant_advisor.h"
#include "databricks/statement/statement_client.h"
#include "logging/logging.h"
#include "sql/provisioning_sql.h"

namespace core {

namespace {

auto log()
{
    return logging::logger("core.provision");
}

} // namespace

struct Provisioner::Job
{
    QPromise<Result<QList<ProvisionStep>>> promise;
    QString catalog;
    QString schema;
    QList<ProvisioningSql::Statement> statements;
    QList<ProvisionStep> steps;
    bool known = false; // whether the existing objects could be listed
    bool schemaExisted = false;
    QSet<QString> existingTables;
    QSet<QString> existingColumns; // "table.column", lower case
    bool done = false;

    Job() { promise.start(); }
    ~Job()
    {
        if (!done)
            finish(Error{ErrorKind::Cancelled,
                         0,
                         QStringLiteral("cancelled"),
                         QStringLiteral("Provisioning was cancelled."),
                         QStringLiteral("%1 of %2 objects done").arg(steps.size()).arg(statements.size()),
                         {}});
    }
    void finish(Result<QList<ProvisionStep>> result)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

Provisioner::Provisioner(StatementClient* statements, QObject* parent)
    : QObject(parent), m_statements(statements)
{
}

Provisioner::~Provisioner() = default;

QFuture<Result<QList<ProvisionStep>>> Provisioner::provision(const QString& catalog, const QString& schema)
{
    auto job = std::make_shared<Job>();
    auto future = job->promise.future();
    for (const QString& name : {catalog, schema}) {
        if (!ProvisioningSql::isValidIdentifier(name)) {
            Error e =
                Error::validation(QStringLiteral("invalid_identifier"),
                                  QStringLiteral("“%1” is not a valid catalog or schema name.").arg(name));
            e.remediation = QStringLiteral("Use letters, digits and _ only, starting with a letter or _.");
            job->finish(e);
            return future;
        }
    }
    job->catalog = catalog;
    job->schema = schema;
    job->statements = ProvisioningSql(catalog, schema).statements();
    log()->info("provisioning {}.{} ({} statements)", catalog.toStdString(), schema.toStdString(),
                job->statements.size());
    lookAround(job);
    return future;
}

// What exists already, so each step can say "created" or "already there". Failing to find out
// is not an error: the DDL that follows reports the real problem.
void Provisioner::lookAround(std::shared_ptr<Job> job)
{
    if (!m_statements)
        return job->finish(
            Error::internal(QStringLiteral("Provisioner used after its StatementClient was destroyed")));
    StatementRequest request;
    request.sql =
        QStringLiteral(
            "SELECT 'schema' AS kind, schema_name AS name FROM %1.information_schema.schemata "
            "WHERE lower(schema_name) = lower(:schema) "
            "UNION ALL SELECT 'table' AS kind, table_name AS name FROM %1.information_schema.tables "
            "WHERE lower(table_schema) = lower(:schema) "
            "UNION ALL SELECT 'column' AS kind, concat(table_name, '.', column_name) AS name "
            "FROM %1.information_schema.columns WHERE lower(table_schema) = lower(:schema)")
            .arg(GrantAdvisor::quoteIdentifier(job->catalog));
    request.params = {SqlParam{QStringLiteral("schema"), job->schema, SqlParam::Type::String}};
    request.what = QStringLiteral("list what exists in %1.%2").arg(job->catalog, job->schema);
    m_statements->execute(request).then(this, [this, job](Result<StatementResult> result) {
        if (result) {
            job->known = true;
            for (const auto& row : result.value().rows) {
                const QString kind = row.value(0).toString();
                if (kind == QLatin1String("schema"))
                    job->schemaExisted = true;
                else if (kind == QLatin1String("column"))
                    job->existingColumns.insert(row.value(1).toString().toLower());
                else
                    job->existingTables.insert(row.value(1).toString().toLower());
            }
            // A table provisioned by an earlier release gets the columns that came later.
            const ProvisioningSql sql(job->catalog, job->schema);
            for (const auto& added : ProvisioningSql::addedColumns()) {
                const QString table = QString::fromLatin1(added.table);
                const QString column = table + QLatin1Char('.') + QString::fromLatin1(added.column);
                if (job->existingTables.contains(table) && !job->existingColumns.contains(column))
                    job->statements.append(sql.addColumn(added));
            }
        } else {
            log()->info("could not list existing objects before provisioning: {}",
                        result.error().toString().toStdString());
        }
        runStep(job);
    });
}

void Provisioner::runStep(std::shared_ptr<Job> job)
{
    const int index = int(job->steps.size());
    const int count = int(job->statements.size());
    if (index >= count) {
        log()->info("provisioned {}.{}", job->catalog.toStdString(), job->schema.toStdString());
        return job->finish(job->steps);
    }
    if (!m_statements)
        return job->finish(
            Error::internal(QStringLiteral("Provisioner used after its StatementClient was destroyed")));
    const ProvisioningSql::Statement& statement = job->statements.at(index);
    emit stepStarted(index, count, statement.object);
    StatementRequest request;
    request.sql = statement.sql;
    request.what = QStringLiteral("create %1").arg(statement.object);
    m_statements->execute(request).then(this, [this, job, index, count](Result<StatementResult> result) {
        const ProvisioningSql::Statement& statement = job->statements.at(index);
        if (!result) {
            Error e = result.error();
            e.detail =
                QStringLiteral("%1 (after %2 of %3 objects)").arg(e.detail).arg(index).arg(count).trimmed();
            return job->finish(e);
        }
        ProvisionStep step;
        step.object = statement.object;
        // Only schemas and tables are listed: volumes, functions and row filters are "ensured".
        if (job->known && (statement.object.startsWith(QLatin1String("schema ")) ||
                           statement.object.startsWith(QLatin1String("table ")))) {
            const bool isSchema = statement.object.startsWith(QLatin1String("schema "));
            const QString table = statement.object.section(QLatin1Char(' '), 1).toLower();
            const bool existed = isSchema ? job->schemaExisted : job->existingTables.contains(table);
            step.outcome = existed ? ProvisionStep::Outcome::AlreadyExisted : ProvisionStep::Outcome::Created;
        } else if (statement.object.startsWith(QLatin1String("column "))) {
            step.outcome = ProvisionStep::Outcome::Created; // added only when it was missing
        }
        job->steps.append(step);
        emit stepFinished(index, count, step);
        runStep(job);
    });
}

} // namespace core
