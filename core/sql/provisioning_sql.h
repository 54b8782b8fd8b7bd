#pragma once

#include "sql/sql_dialect.h"

#include <QStringList>

namespace core {

// The DDL that creates the schema, every table of product.md's data model in Unity Catalog
// (Delta, with comments) and the landing volume, each statement idempotent (IF NOT EXISTS). Identifiers are
// validated by the caller (see isValidIdentifier); no user value is spliced in otherwise.
class ProvisioningSql
{
public:
    struct Statement
    {
        QString object; // "schema main.ad_segments", "table gold_segments"
        QString sql;
    };

    ProvisioningSql(QString catalog, QString schema);

    QList<Statement> statements() const;
    // The Unity Catalog row filters (part of statements()): two functions, sb_advertiser_visible
    // (the workspace has no access row, or current_user() has a role on the advertiser) and
    // sb_segment_visible (its segment's advertiser is visible), set on the segment, metrics and
    // experiment tables, so nobody reads another advertiser's rows, even with hand-written SQL.
    QList<Statement> rowFilters() const;
    // What the doctor expects: table, filter function, column.
    struct RowFilter
    {
        QString table;
        QString function;
        QString column;
    };
    QList<RowFilter> expectedRowFilters() const;
    QStringList tableNames() const;
    // Columns added to a table after it was first provisioned: statements() creates new tables
    // with them; a table that exists without one gets addColumn(), ALTER TABLE ... ADD COLUMNS
    // (Databricks has no IF NOT EXISTS there, so the provisioner adds only the missing ones).
    struct AddedColumn
    {
        const char* table;
        const char* column;
        const char* definition; // type and comment
    };
    static QList<AddedColumn> addedColumns();
    Statement addColumn(const AddedColumn& column) const;
    // The managed volume events files are uploaded to before COPY INTO, and its /Volumes path.
    static QString landingVolume();
    QString landingPath() const;
    // Catalog and schema names the app accepts: letters, digits and _ (no quoting tricks).
    static bool isValidIdentifier(const QString& name);

private:
    QString m_catalog;
    QString m_schema;
};

} // namespace core
