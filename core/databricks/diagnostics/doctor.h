#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include <QFuture>
#include <QList>
#include <QObject>

#include "common/error.h"
#include "databricks/diagnostics/diagnostics_report.h"
#include "databricks/diagnostics/diagnostics_target.h"
#include "databricks/statement/statement_request.h"

namespace core {

class DiagnosticsProbe;

// Checks a Databricks connection step by step, in this order (databricks-api.md §5, §10):
//   1 host reachable        any HTTP answer from the workspace
//   2 credentials valid     the current user (SCIM Me): the principal every grant names
//   3 SQL warehouse usable  exists, its state and health, CAN USE (a 403 means no)
//   4 SELECT 1 runs         the warehouse runs a statement (a stopped one starts)
//   5 catalog exists        6 schema exists        7 tables exist (information_schema.tables)
//   8 read privilege        SELECT ... LIMIT 0 on gold_segments
//   9 write privilege       a MERGE into gold_segments that can neither match nor insert
// A check whose prerequisite failed is skipped, saying which. Every failure carries its cause
// and the fix — for a missing privilege the exact GRANT naming the principal and the object.
// Nothing is changed in the workspace. Lives on the thread of its probe.
class Doctor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Doctor)

public:
    struct CheckInfo
    {
        QString id;
        QString name;
    };
    // The checks, in the order they run.
    static QList<CheckInfo> checks();

    Doctor(DiagnosticsProbe* probe, DiagnosticsTarget target, QObject* parent = nullptr);
    ~Doctor() override;

    const DiagnosticsTarget& target() const { return m_target; }
    void setTarget(DiagnosticsTarget target) { m_target = std::move(target); }
    // How long one SQL check may take (a cold warehouse needs minutes; default 10 minutes).
    void setStatementDeadline(std::chrono::milliseconds deadline) { m_statementDeadline = deadline; }

    // Runs every check. The future always finishes with a report of all nine checks (also when
    // the Doctor is destroyed meanwhile: the rest are then skipped as cancelled).
    QFuture<DiagnosticsReport> run();

signals:
    void checkStarted(int index, const QString& id, const QString& name);
    void checkFinished(int index, const core::DiagnosticCheck& check);
    void finished(const core::DiagnosticsReport& report);

private:
    struct Run;
    using Done = std::function<void(DiagnosticCheck)>;

    DiagnosticsProbe* m_probe;
    DiagnosticsTarget m_target;
    std::chrono::milliseconds m_statementDeadline{std::chrono::minutes(10)};

    void next(const std::shared_ptr<Run>& run);
    QString skipReason(int index, const Run& run) const;

    void checkHost(const std::shared_ptr<Run>& run, Done done);
    void checkCredentials(const std::shared_ptr<Run>& run, Done done);
    void checkWarehouse(const std::shared_ptr<Run>& run, Done done);
    void checkSelectOne(const std::shared_ptr<Run>& run, Done done);
    void checkCatalog(const std::shared_ptr<Run>& run, Done done);
    void checkSchema(const std::shared_ptr<Run>& run, Done done);
    void checkTables(const std::shared_ptr<Run>& run, Done done);
    void checkRead(const std::shared_ptr<Run>& run, Done done);
    void checkWrite(const std::shared_ptr<Run>& run, Done done);
    void checkRowFilters(const std::shared_ptr<Run>& run, Done done);

    // A SQL check: runs `sql`; `onRows` judges the result; errors become failures with a fix.
    void runSql(const std::shared_ptr<Run>& run, DiagnosticCheck check, const QString& sql,
                const QString& what,
                std::function<DiagnosticCheck(DiagnosticCheck, const StatementResult&)> onRows,
                std::function<QString(const Error&)> fallbackFix, Done done);
    void runSqlWith(const std::shared_ptr<Run>& run, DiagnosticCheck check, const QString& sql,
                    const QList<SqlParam>& params, const QString& what,
                    std::function<DiagnosticCheck(DiagnosticCheck, const StatementResult&)> onRows,
                    std::function<QString(const Error&)> fallbackFix, Done done);
    DiagnosticCheck failure(const Run& run, DiagnosticCheck check, const Error& error,
                            const QString& fallbackFix) const;
    QString credentialFix() const;
    QString warehouseFix(const Run& run) const;
    QString qualifiedSchema() const;
    QString qualifiedTable(const QString& table) const;
};

} // namespace core
