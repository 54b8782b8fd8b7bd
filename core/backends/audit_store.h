#pragma once

#include <QFuture>
#include <QList>

#include "common/result.h"
#include "domain/audit_entry.h"

namespace core {

// The audit trail of a workspace (table audit_log), implemented by every backend: SQLite and
// PostgreSQL share SessionAuditStore, Databricks has DatabricksAuditStore. The stores of segments
// and experiments write its entries with their changes (every create, update, delete, restore,
// revert, import, stop); this store only reads them. Every call returns at once; the future
// finishes exactly once with the value or an Error. The tests in
// tests/integration/store_contract_tests.h (AuditStoreContract) define the behaviour.
class AuditStore
{
public:
    virtual ~AuditStore() = default;

    // Newest first: every entry, an advertiser's, an object's (AuditQuery).
    virtual QFuture<Result<QList<AuditEntry>>> list(const AuditQuery& query) = 0;
};

} // namespace core
