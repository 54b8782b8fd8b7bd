#pragma once

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>

#include "common/result.h"

namespace core {

class StatementClient;

// One object of the app's data model, as provisioning left it.
struct ProvisionStep
{
    enum class Outcome
    {
        Created,        // it did not exist before
        AlreadyExisted, // kept as it was (IF NOT EXISTS)
        Ensured,        // exists now; whether it did before could not be told
    };
    QString object; // "schema main.ad_segments", "table gold_segments"
    Outcome outcome = Outcome::Ensured;
};

// Creates the schema and every table of the data model (ProvisioningSql: IF NOT EXISTS, Delta,
// comments) through the warehouse, one statement at a time in order, reporting each. Stops at
// the first failure with its Error (the Databricks error code, e.g. 42501 for a missing CREATE
// TABLE). Running it again is harmless. Lives on the thread of its StatementClient.
class Provisioner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Provisioner)

public:
    explicit Provisioner(StatementClient* statements, QObject* parent = nullptr);
    ~Provisioner() override;

    // catalog and schema must be plain identifiers (letters, digits, _): a Validation error
    // otherwise, before anything is sent. The future has every step, or the first Error.
    QFuture<Result<QList<ProvisionStep>>> provision(const QString& catalog, const QString& schema);

signals:
    void stepStarted(int index, int count, const QString& object);
    void stepFinished(int index, int count, const core::ProvisionStep& step);

private:
    QPointer<StatementClient> m_statements;

    struct Job;
    void lookAround(std::shared_ptr<Job> job);
    void runStep(std::shared_ptr<Job> job);
};

} // namespace core
