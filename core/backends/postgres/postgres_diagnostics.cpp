#include "backends/postgres/postgres_diagnostics.h"

#include <QObject>

#include "backends/postgres/pg_doctor.h"
#include "backends/postgres/pg_executor.h"
#include "backends/postgres/pg_migrator.h"

namespace core {

PostgresDiagnostics::PostgresDiagnostics(PgConnectionSettings settings, QString title, QString provisionCommand)
    : m_own(std::make_unique<PgExecutor>(std::move(settings))), m_executor(*m_own), m_title(std::move(title)),
      m_connInfo(m_own->printableConnInfo()), m_provisionCommand(std::move(provisionCommand))
{}

PostgresDiagnostics::PostgresDiagnostics(SessionExecutor& executor, QString title, QString printableConnInfo,
                                         QString provisionCommand)
    : m_executor(executor), m_title(std::move(title)), m_connInfo(std::move(printableConnInfo)),
      m_provisionCommand(std::move(provisionCommand))
{}

PostgresDiagnostics::~PostgresDiagnostics() = default;

QStringList PostgresDiagnostics::settings() const
{
    return {QStringLiteral("Connection: %1").arg(m_connInfo),
            QStringLiteral("Schema version this app needs: %1").arg(PgMigrator::latestVersion())};
}

QList<BackendDiagnostics::CheckInfo> PostgresDiagnostics::checks() const
{
    return {{QStringLiteral("server"), QStringLiteral("Server reachable and signed in")},
            {QStringLiteral("schema"), QStringLiteral("Tables created")},
            {QStringLiteral("privileges"), QStringLiteral("Privileges on the tables")}};
}

QFuture<DiagnosticsReport> PostgresDiagnostics::run(Progress progress)
{
    // PgDoctor answers all checks at once (one task on the connection's thread); they are then
    // told in order like the Databricks ones, on the thread that asked (the backend may have been
    // made on a worker).
    auto caller = std::make_shared<QObject>();
    return PgDoctor(m_executor, m_provisionCommand).run().then(caller.get(), [caller, progress](const DiagnosticsReport& report) {
        if (progress) {
            for (int i = 0; i < report.checks.size(); ++i)
                progress(i, report.checks.at(i));
        }
        return report;
    });
}

bool PostgresDiagnostics::tablesMissing(const DiagnosticsReport& report) const
{
    const auto* schema = report.find(QStringLiteral("schema"));
    return schema && schema->status == CheckStatus::Failed;
}

QFuture<Result<QStringList>> PostgresDiagnostics::provision()
{
    return m_executor.run<QStringList>([](SqlSession& db) -> Result<QStringList> {
        auto before = PgMigrator::currentVersion(db);
        if (!before)
            return before.error();
        const int from = before.value();
        if (auto s = PgMigrator::migrate(db); !s)
            return s.error();
        QStringList done;
        for (const auto& m : PgMigrator::available())
            done << (m.version > from ? QStringLiteral("applied %1") : QStringLiteral("kept %1")).arg(m.name);
        return done;
    });
}

} // namespace core
