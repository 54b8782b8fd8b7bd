#include "backends/databricks/write_not_applied.h"

namespace core {

Error writeNotApplied(const QString& what, qint64 affected)
{
    Error e =
        Error::internal(QStringLiteral("%1: %2 rows affected where 1 was expected").arg(what).arg(affected));
    e.kind = ErrorKind::Remote;
    e.userMessage =
        QStringLiteral("Databricks did not confirm the change (%1 rows changed), so it was not saved.")
            .arg(affected);
    e.remediation = QStringLiteral("Reload and try again; your edits are still in the form.");
    return e;
}

} // namespace core
