#pragma once

#include <QString>

#include "common/error.h"
#include "databricks/config/databricks_config.h"

namespace core {

// Turns a Databricks error into one that says what to do next, in the words of the front end
// that shows it (segctl names commands, the GUI names menu entries). Shared by both, so a
// missing grant, table or warehouse is explained the same way everywhere.
class DatabricksErrorAdvisor
{
public:
    // How the front end names its tools.
    struct Wording
    {
        QString doctor;          // "`segctl --profile p doctor`" / "Connection ▸ Diagnostics"
        QString provision;       // "`segctl provision`" / "Connection ▸ Create tables"
        QString listWarehouses;  // "`segctl warehouses list`" / "the connection dialog"
        QString warehouseOption; // "--warehouse" / "the connection dialog"
    };

    DatabricksErrorAdvisor(DatabricksConfig config, Wording wording);

    // principal: who the credentials belong to (empty when unknown: the GRANT is then not named).
    Error explain(const Error& error, const QString& principal) const;

    // The schema or a table does not exist: provisioning fixes it.
    static bool isMissingObject(const Error& error);

private:
    DatabricksConfig m_config;
    Wording m_wording;
};

} // namespace core
