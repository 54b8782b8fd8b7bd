#pragma once

#include <optional>

#include <QString>
#include <QStringList>

#include "common/error.h"

namespace core {

// A Unity Catalog privilege the principal lacks, as a refusal names it.
struct MissingPrivilege
{
    QString privilege;     // "MODIFY", "USE SCHEMA", "SELECT", "CREATE TABLE", ...
    QString securableType; // "CATALOG", "SCHEMA", "TABLE", "VIEW", ...
    QStringList name;      // {"main", "ad_segments", "gold_segments"}
};

// Turns permission refusals into the statement that fixes them (reference §5):
//   GRANT MODIFY ON TABLE `main`.`ad_segments`.`gold_segments` TO `segments-sp`
// and the warehouse's CAN USE, which is a workspace permission rather than a GRANT.
// Pure functions: the Doctor, the command line and the GUI word fixes the same way.
class GrantAdvisor
{
public:
    // `name` with backticks, a backtick inside doubled.
    static QString quoteIdentifier(const QString& name);
    static QString quoteName(const QStringList& parts);

    // "GRANT <privilege> ON <TYPE> <quoted name> TO <quoted principal>".
    static QString grant(const QString& privilege, const QString& securableType, const QStringList& name,
                         const QString& principal);
    static QString grant(const MissingPrivilege& missing, const QString& principal);

    // Reads "User does not have MODIFY on Table 'main.ad_segments.gold_segments'" (the
    // INSUFFICIENT_PERMISSIONS / PERMISSION_DENIED wordings) from a message.
    static std::optional<MissingPrivilege> parse(const QString& message);
    // The same from an Error's message and detail.
    static std::optional<MissingPrivilege> parse(const Error& error);

    // True for a refusal to use the SQL warehouse itself (HTTP 403 PERMISSION_DENIED on the
    // warehouse, or a FAILED "does not have permission to use warehouse").
    static bool isWarehouseRefusal(const Error& error);

    // How to give a principal CAN USE on a warehouse: where in the workspace, and the REST call.
    static QString warehouseCanUseFix(const QString& warehouseId, const QString& warehouseName,
                                      const QString& principal, bool servicePrincipal);

    // The fix for a permission Error met while doing something as `principal`: the GRANT for
    // the privilege the message names, else `fallback` (may be empty). Empty when there is none.
    static QString fixFor(const Error& error, const QString& principal, const QString& fallback = {});
};

} // namespace core
