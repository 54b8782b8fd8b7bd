#include "backends/databricks/databricks_diagnostics.h"

#include <memory>

#include "backends/databricks/databricks_connection.h"
#include "databricks/diagnostics/doctor.h"
#include "databricks/provisioner.h"

namespace core {

DatabricksDiagnostics::DatabricksDiagnostics(DatabricksConnection& connection) : m_connection(connection) {}

QString DatabricksDiagnostics::title() const
{
    return QStringLiteral("Databricks %1").arg(m_connection.displayName());
}

QStringList DatabricksDiagnostics::settings() const
{
    return m_connection.config().describe();
}

QList<BackendDiagnostics::CheckInfo> DatabricksDiagnostics::checks() const
{
    QList<CheckInfo> out;
    for (const auto& c : Doctor::checks())
        out.append({c.id, c.name});
    return out;
}

QFuture<DiagnosticsReport> DatabricksDiagnostics::run(Progress progress)
{
    Doctor* doctor = m_connection.doctor();
    // The connection of this run only: gone when the run is.
    auto context = std::make_shared<QObject>();
    QObject::connect(doctor, &Doctor::checkFinished, context.get(),
                     [progress](int index, const DiagnosticCheck& check) {
                         if (progress)
                             progress(index, check);
                     });
    return doctor->run().then(doctor, [context](const DiagnosticsReport& report) { return report; });
}

bool DatabricksDiagnostics::tablesMissing(const DiagnosticsReport& report) const
{
    for (const char* id : {"schema", "tables"}) {
        if (const auto* c = report.find(QString::fromLatin1(id)); c && c->status == CheckStatus::Failed)
            return true;
    }
    return false;
}

QFuture<Result<QStringList>> DatabricksDiagnostics::provision()
{
    return m_connection.provisioner()
        ->provision(m_connection.catalog(), m_connection.schema())
        .then(m_connection.provisioner(), [](const Result<QList<ProvisionStep>>& steps) -> Result<QStringList> {
            if (!steps)
                return steps.error();
            QStringList done;
            for (const auto& s : steps.value())
                done << (s.outcome == ProvisionStep::Outcome::Created ? QStringLiteral("created %1")
                                                                      : QStringLiteral("kept %1"))
                            .arg(s.object);
            return done;
        });
}

} // namespace core
