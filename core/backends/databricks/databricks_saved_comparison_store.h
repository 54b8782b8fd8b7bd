#pragma once

#include <memory>

#include <QObject>

#include "databricks/statement/statement_request.h"
#include "sql/saved_comparison_sql.h"
#include "backends/saved_comparison_store.h"

namespace core {

class StatementClient;

// Saved comparisons in Databricks (`<catalog>.<schema>.saved_comparisons`), shared by everyone
// who can read the schema. Same contract as the local workspace (the contract suite runs on
// both). A create is one MERGE on the name key: when it inserts no row the name is taken. An
// update checks the name first, then writes by id. A write counts only once its statement
// SUCCEEDED with the expected affected-row count. Lives on the thread of its StatementClient;
// futures finish there.
class DatabricksSavedComparisonStore final : public SavedComparisonStore
{
public:
    DatabricksSavedComparisonStore(StatementClient* statements, QString catalog, QString schema);
    ~DatabricksSavedComparisonStore() override;

    QString location() const override;
    QFuture<Result<QList<SavedComparison>>> list() override;
    QFuture<Result<SavedComparison>> get(const QString& id) override;
    QFuture<Result<SavedComparison>> create(const QString& name, const ComparisonRequest& request) override;
    QFuture<Result<SavedComparison>> update(const SavedComparison& comparison) override;
    QFuture<Status> remove(const QString& id) override;

private:
    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what);
    QFuture<Result<QList<SavedComparison>>> read(const BoundSql& sql, const QString& what);
    // Validation, then (if checkName) no other comparison has the name, then every segment
    // exists and is not deleted. A create leaves the name to its MERGE.
    QFuture<Status> check(const SavedComparison& comparison, bool checkName, const QString& what);
    // After a create inserted no row: the name is taken, or this very create already landed.
    QFuture<Result<SavedComparison>> explainNoInsert(const SavedComparison& comparison, const QString& what);

    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    SavedComparisonSql m_sql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
};

} // namespace core
