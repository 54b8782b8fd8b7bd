#include "databricks_error_advisor.h"

#include "databricks/diagnostics/grant_advisor.h"

namespace core {

DatabricksErrorAdvisor::DatabricksErrorAdvisor(DatabricksConfig config, Wording wording)
    : m_config(std::move(config)), m_wording(std::move(wording))
{
}

bool DatabricksErrorAdvisor::isMissingObject(const Error& error)
{
    return error.kind == ErrorKind::NotFound &&
           (error.code == QLatin1String("42P01") || error.code == QLatin1String("42704") ||
            error.detail.contains(QLatin1String("NOT_FOUND")));
}

Error DatabricksErrorAdvisor::explain(const Error& error, const QString& principal) const
{
    Error e = error;
    const QString& doctor = m_wording.doctor;
    if (e.kind == ErrorKind::Permission) {
        const bool warehouse = GrantAdvisor::isWarehouseRefusal(e) ||
                               (e.httpStatus == 403 && e.code == QLatin1String("PERMISSION_DENIED"));
        if (warehouse && !principal.isEmpty()) {
            e.remediation = GrantAdvisor::warehouseCanUseFix(m_config.warehouseId.value, {}, principal,
                                                             !principal.contains(QLatin1Char('@')));
        } else if (const QString grant = GrantAdvisor::fixFor(e, principal); !grant.isEmpty()) {
            e.remediation =
                QStringLiteral(
                    "a Databricks admin (or the object's owner) runs: %1 — %2 checks every privilege.")
                    .arg(grant, doctor);
        } else {
            e.remediation =
                QStringLiteral("%1 %2 names the missing grant.").arg(e.remediation, doctor).trimmed();
        }
    } else if (e.httpStatus == 404 && e.detail.contains(QLatin1String("warehouse"), Qt::CaseInsensitive)) {
        const ConfigValue& warehouse = m_config.warehouseId;
        const QString where = warehouse.source == ConfigSource::Explicit
                                  ? QStringLiteral(" (now from %1)").arg(m_wording.warehouseOption)
                              : warehouse.origin.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" (now from %1)").arg(warehouse.origin);
        e.remediation =
            QStringLiteral("There is no SQL warehouse “%1” in this workspace: set warehouse_id%2 or "
                           "%3 to an id that %4 shows.")
                .arg(warehouse.value, where, m_wording.warehouseOption, m_wording.listWarehouses);
    } else if (isMissingObject(e)) {
        e.remediation =
            QStringLiteral("Create the schema and tables with %1; %2 checks the connection step by step.")
                .arg(m_wording.provision, doctor);
    } else if (e.kind == ErrorKind::Remote || e.kind == ErrorKind::NotFound) {
        e.remediation =
            QStringLiteral("%1 %2 checks the connection step by step.").arg(e.remediation, doctor).trimmed();
    } else if (e.kind == ErrorKind::Auth) {
        const ConfigValue& credential =
            m_config.authType.value == QLatin1String("oauth-m2m") ? m_config.clientSecret : m_config.token;
        e.remediation =
            QStringLiteral("%1 (The credential comes from %2; %3 checks the connection step by step.)")
                .arg(e.remediation,
                     credential.origin.isEmpty() ? QStringLiteral("the configuration") : credential.origin,
                     doctor)
                .trimmed();
    }
    return e;
}

} // namespace core
