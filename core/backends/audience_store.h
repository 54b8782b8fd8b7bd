#pragma once

#include "common/result.h"
#include "domain/customer_identifiers.h"

#include <QFuture>
#include <QList>
#include <QStringList>

namespace core {

// Who is in a segment, and who those people are: the part of a backend that activation
// (audience files, platform syncs) and experiments (assignments) read. Implemented by every
// backend (SQLite, Databricks, PostgreSQL) over its customer_identifiers table and the same
// audience query its reach uses, so members(id).size() == the segment's reach.
// Every call returns at once; the future finishes exactly once.
class AudienceStore
{
public:
    virtual ~AudienceStore() = default;

    // user_ids of the people counted in the saved segment's reach, sorted ascending.
    // NotFound for an unknown or deleted segment.
    virtual QFuture<Result<QStringList>> members(const QString& segmentId) = 0;

    // The customer_identifiers rows of those members (members without a row are left out),
    // sorted by user_id.
    virtual QFuture<Result<QList<CustomerIdentifiers>>> memberIdentifiers(const QString& segmentId) = 0;

    // Stores rows (a later row of a user replaces the earlier, also across imports) in one
    // transaction: all or nothing. Rows must have a user_id, a birth date (if any) written
    // YYYY-MM-DD and no control character (Validation otherwise, checkIdentifierRows, nothing
    // stored). The report counts rowsRead (rows given), stored and replaced; rejected stays empty
    // (lines of a file are the file reader's). Databricks: refused (Permission, code
    // "identifiers_read_only") — the data engineers fill that Unity Catalog table.
    virtual QFuture<Result<IdentifiersImportReport>> importIdentifiers(const QList<CustomerIdentifiers>& rows) = 0;

    // Rows in customer_identifiers.
    virtual QFuture<Result<qint64>> identifierCount() = 0;
};

} // namespace core
