#include "sql/provisioning_sql.h"

#include <QRegularExpression>

namespace core {

namespace {

struct TableSpec
{
    const char* name;
    const char* comment;
    const char* columns;
};

// Column types are Databricks SQL; times of segment records are ISO 8601 UTC text so every
// backend reads back exactly what it wrote.
const TableSpec kTables[] = {
    {"advertisers", "Advertisers that own audience segments.",
     "advertiser_id STRING NOT NULL COMMENT 'Stable advertiser key', name STRING NOT NULL COMMENT 'Display name', "
     "currency STRING COMMENT 'ISO 4217 code of its spend; NULL reads as USD'"},
    {"advertiser_access", "Roles per advertiser: viewer reads, editor also writes, owner also grants.",
     "advertiser_id STRING NOT NULL, principal STRING NOT NULL COMMENT 'User e-mail, service principal id or group', "
     "role STRING NOT NULL COMMENT 'viewer | editor | owner', granted_by STRING NOT NULL, "
     "granted_at STRING NOT NULL COMMENT 'ISO 8601 UTC'"},
    {"gold_segments", "Audience segments: one row per segment, current version (soft-deleted rows keep deleted_at).",
     "segment_id STRING NOT NULL COMMENT 'UUID', advertiser_id STRING NOT NULL, name STRING NOT NULL, "
     "name_key STRING NOT NULL COMMENT 'Trimmed, case-folded name for uniqueness per advertiser', "
     "description STRING NOT NULL, status STRING NOT NULL COMMENT 'draft | active | archived', "
     "definition STRING NOT NULL COMMENT 'Condition tree as JSON (schema_version 1)', definition_hash STRING NOT NULL, "
     "version BIGINT NOT NULL COMMENT '+1 on every change; writes are guarded by it', created_by STRING NOT NULL, "
     "created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_by STRING NOT NULL, updated_at STRING NOT NULL, "
     "deleted_at STRING COMMENT 'Set when soft-deleted'"},
    {"gold_segment_versions", "Every version of every segment (history, diff, restore).",
     "segment_id STRING NOT NULL, version BIGINT NOT NULL, change STRING NOT NULL COMMENT 'created | updated | deleted | "
     "restored | imported | reverted', name STRING NOT NULL, description STRING NOT NULL, status STRING NOT NULL, "
     "definition STRING NOT NULL, definition_hash STRING NOT NULL, changed_by STRING NOT NULL, changed_at STRING NOT NULL, "
     "change_key STRING COMMENT 'Idempotency key of the change that made the version (the outbox key); NULL: none'"},
    {"bronze_impressions", "Raw impression, click and conversion events as they arrive; nothing is dropped.",
     "event_id STRING, event_time STRING, advertiser_id STRING, campaign_id STRING, user_id STRING, age STRING, "
     "gender STRING, country STRING, region STRING, device STRING, interests STRING, event_type STRING, "
     "cost_micros STRING, source_file STRING NOT NULL, ingest_time TIMESTAMP NOT NULL, "
     "ingest_batch STRING NOT NULL COMMENT 'One import of one file', source_line BIGINT COMMENT 'Line in the file'"},
    {"silver_impressions", "Cleaned events: deduplicated by event_id, validated and normalised.",
     "event_id STRING NOT NULL, event_time TIMESTAMP NOT NULL, event_date DATE NOT NULL, advertiser_id STRING NOT NULL, "
     "campaign_id STRING NOT NULL, user_id STRING NOT NULL, age_bucket STRING NOT NULL, gender STRING NOT NULL, "
     "country STRING NOT NULL, region STRING, device STRING NOT NULL, interests STRING NOT NULL, "
     "event_type STRING NOT NULL, cost_micros BIGINT NOT NULL"},
    {"silver_quarantine", "Bronze rows rejected by cleaning, with the reason.",
     "ingest_batch STRING NOT NULL, source_line BIGINT, source_file STRING, event_id STRING, reason STRING NOT NULL, "
     "quarantined_at TIMESTAMP NOT NULL"},
    {"pipeline_batches", "Bronze batches a refresh claimed, and when it finished cleaning them.",
     "batch_id STRING NOT NULL, claimed_at TIMESTAMP NOT NULL, done_at TIMESTAMP"},
    {"pipeline_job_values", "Values the scheduled refresh job reads; its SQL file holds none (RefreshScript).",
     "statement_no BIGINT NOT NULL, name STRING NOT NULL, value STRING"},
    {"ref_values", "Values of the criteria catalogue (age, country, region, device, event) that cleaning accepts.",
     "dimension STRING NOT NULL, value STRING NOT NULL"},
    {"audience_profiles", "One row per person: current attributes; interests and devices as |a|b| lists.",
     "user_id STRING NOT NULL, age_bucket STRING NOT NULL, gender STRING NOT NULL, country STRING NOT NULL, "
     "region STRING, interests STRING NOT NULL, devices STRING NOT NULL, first_seen DATE NOT NULL, last_seen DATE NOT NULL"},
    {"audience_activity", "Events per person, type and day, for behaviour windows.",
     "event_type STRING NOT NULL, day DATE NOT NULL, user_id STRING NOT NULL, events BIGINT NOT NULL"},
    {"gold_segment_daily_metrics", "Per segment and day: impressions, clicks, conversions, unique users, spend.",
     "segment_id STRING NOT NULL, day DATE NOT NULL, impressions BIGINT NOT NULL, clicks BIGINT NOT NULL, "
     "conversions BIGINT NOT NULL, unique_users BIGINT NOT NULL, spend_micros BIGINT NOT NULL"},
    {"saved_comparisons", "Comparisons saved by name, shared by everyone using the schema.",
     "comparison_id STRING NOT NULL COMMENT 'UUID', name STRING NOT NULL, "
     "name_key STRING NOT NULL COMMENT 'Trimmed, case-folded name; unique', "
     "segment_ids STRING NOT NULL COMMENT 'JSON array of 2-6 segment ids in display order', "
     "first_day STRING COMMENT 'ISO date; NULL with last_day: the last 30 days with data', last_day STRING, "
     "created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_at STRING NOT NULL"},
    {"customer_identifiers",
     "Who each user_id is, filled by the data engineers: one row per user, NULL for unknown. Plain personal "
     "data: the app reads the rows of the members of a segment and hashes them on the workstation before "
     "any leaves it.",
     "user_id STRING NOT NULL COMMENT 'The user_id of the events and audience_profiles; one row each', "
     "email STRING COMMENT 'E-mail address as known', phone STRING COMMENT 'Phone number, E.164 (+44...) "
     "preferred; else national, read with country', first_name STRING, last_name STRING, city STRING, "
     "region STRING COMMENT 'State or region (ISO 3166-2 or its name)', postal_code STRING, "
     "country STRING COMMENT 'ISO 3166-1 alpha-2', birth_date DATE"},
    {"gold_experiments", "A/B experiments on segments: one row per experiment, current version.",
     "experiment_id STRING NOT NULL COMMENT 'UUID', advertiser_id STRING NOT NULL, segment_id STRING NOT NULL, "
     "name STRING NOT NULL, experiment_key STRING NOT NULL COMMENT 'Unique in the schema; seeds the assignment', "
     "seed STRING NOT NULL COMMENT 'Empty: the key seeds the assignment', "
     "arms STRING NOT NULL COMMENT 'JSON array of {name, weight}; the first arm is the control', "
     "holdout_basis_points BIGINT NOT NULL COMMENT 'Holdout in hundredths of a percent', "
     "start_date STRING NOT NULL COMMENT 'YYYY-MM-DD', end_date STRING COMMENT 'YYYY-MM-DD; NULL: open-ended', "
     "primary_metric STRING NOT NULL COMMENT 'ctr | cvr | conversions_per_user | spend_per_user', "
     "status STRING NOT NULL COMMENT 'draft | running | stopped', "
     "version BIGINT NOT NULL COMMENT '+1 on every change; writes are guarded by it', created_by STRING NOT NULL, "
     "created_at STRING NOT NULL COMMENT 'ISO 8601 UTC', updated_by STRING NOT NULL, updated_at STRING NOT NULL"},
    {"gold_experiment_versions", "Every version of every experiment (history).",
     "experiment_id STRING NOT NULL, advertiser_id STRING NOT NULL, segment_id STRING NOT NULL, name STRING NOT NULL, "
     "experiment_key STRING NOT NULL, seed STRING NOT NULL, arms STRING NOT NULL, holdout_basis_points BIGINT NOT NULL, "
     "start_date STRING NOT NULL, end_date STRING, primary_metric STRING NOT NULL, status STRING NOT NULL, "
     "version BIGINT NOT NULL, created_by STRING NOT NULL, created_at STRING NOT NULL, updated_by STRING NOT NULL, "
     "updated_at STRING NOT NULL, change STRING NOT NULL COMMENT 'created | updated | stopped', "
     "change_key STRING COMMENT 'Idempotency key of the change that made the version (the outbox key); NULL: none'"},
    {"audit_log", "The audit trail: who changed which segment or experiment, when, with the object before and after.",
     "audit_id STRING NOT NULL COMMENT 'UUID', changed_at STRING NOT NULL COMMENT 'ISO 8601 UTC', "
     "actor STRING NOT NULL COMMENT 'Who made the change', advertiser_id STRING NOT NULL, "
     "object_kind STRING NOT NULL COMMENT 'segment | experiment', object_id STRING NOT NULL, "
     "action STRING NOT NULL COMMENT 'The version change: created | updated | deleted | restored | reverted | ...', "
     "object_version BIGINT NOT NULL COMMENT 'The object version after the change; one entry per version', "
     "before_json STRING COMMENT 'The object before, as JSON', after_json STRING COMMENT 'The object after, as JSON'"},
};

// Columns that came after their table: a schema provisioned before gets them when provision runs
// again (the definitions are those of kTables).
const ProvisioningSql::AddedColumn kAddedColumns[] = {
    {"advertisers", "currency", "STRING COMMENT 'ISO 4217 code of its spend; NULL reads as USD'"},
    {"gold_segment_versions", "change_key",
     "STRING COMMENT 'Idempotency key of the change that made the version (the outbox key); NULL: none'"},
    {"gold_experiment_versions", "change_key",
     "STRING COMMENT 'Idempotency key of the change that made the version (the outbox key); NULL: none'"},
};

// The tables a row filter keeps to the advertisers the caller may read, and the column it reads.
struct FilteredTable
{
    const char* name;
    const char* function;
    const char* column;
};

const FilteredTable kFilteredTables[] = {
    {"advertisers", "sb_advertiser_visible", "advertiser_id"},
    {"gold_segments", "sb_advertiser_visible", "advertiser_id"},
    {"gold_segment_versions", "sb_segment_visible", "segment_id"},
    {"gold_segment_daily_metrics", "sb_segment_visible", "segment_id"},
    {"gold_experiments", "sb_advertiser_visible", "advertiser_id"},
    {"gold_experiment_versions", "sb_advertiser_visible", "advertiser_id"},
};

} // namespace

ProvisioningSql::ProvisioningSql(QString catalog, QString schema) : m_catalog(std::move(catalog)), m_schema(std::move(schema)) {}

bool ProvisioningSql::isValidIdentifier(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,254}$"));
    return pattern.match(name).hasMatch();
}

QString ProvisioningSql::landingVolume() { return QStringLiteral("landing"); }

QString ProvisioningSql::landingPath() const
{
    return QStringLiteral("/Volumes/%1/%2/%3").arg(m_catalog, m_schema, landingVolume());
}

QList<ProvisioningSql::RowFilter> ProvisioningSql::expectedRowFilters() const
{
    QList<RowFilter> out;
    for (const auto& t : kFilteredTables)
        out.append({QLatin1String(t.name), QLatin1String(t.function), QLatin1String(t.column)});
    return out;
}

QList<ProvisioningSql::Statement> ProvisioningSql::rowFilters() const
{
    const QString qualified = QStringLiteral("`%1`.`%2`").arg(m_catalog, m_schema);
    QList<Statement> out;
    // Readable: the workspace has no access row yet (unmanaged), or the caller has a role on it.
    out.append({QStringLiteral("function sb_advertiser_visible"),
                QStringLiteral("CREATE OR REPLACE FUNCTION %1.`sb_advertiser_visible`(advertiser STRING) RETURNS BOOLEAN "
                               "RETURN NOT EXISTS (SELECT 1 FROM %1.`advertiser_access`) OR EXISTS (SELECT 1 FROM "
                               "%1.`advertiser_access` a WHERE a.advertiser_id = advertiser AND a.principal = current_user())")
                    .arg(qualified)});
    out.append({QStringLiteral("function sb_segment_visible"),
                QStringLiteral("CREATE OR REPLACE FUNCTION %1.`sb_segment_visible`(segment STRING) RETURNS BOOLEAN "
                               "RETURN EXISTS (SELECT 1 FROM %1.`gold_segments` s WHERE s.segment_id = segment AND "
                               "%1.`sb_advertiser_visible`(s.advertiser_id))")
                    .arg(qualified)});
    for (const auto& t : kFilteredTables)
        out.append({QStringLiteral("row filter on %1").arg(QLatin1String(t.name)),
                    QStringLiteral("ALTER TABLE %1.`%2` SET ROW FILTER %1.`%3` ON (%4)")
                        .arg(qualified, QLatin1String(t.name), QLatin1String(t.function), QLatin1String(t.column))});
    return out;
}

QList<ProvisioningSql::AddedColumn> ProvisioningSql::addedColumns()
{
    return QList<AddedColumn>(std::begin(kAddedColumns), std::end(kAddedColumns));
}

ProvisioningSql::Statement ProvisioningSql::addColumn(const AddedColumn& column) const
{
    return {QStringLiteral("column %1.%2").arg(QLatin1String(column.table), QLatin1String(column.column)),
            QStringLiteral("ALTER TABLE `%1`.`%2`.`%3` ADD COLUMNS (%4 %5)")
                .arg(m_catalog, m_schema, QLatin1String(column.table), QLatin1String(column.column),
                     QLatin1String(column.definition))};
}

QStringList ProvisioningSql::tableNames() const
{
    QStringList out;
    for (const auto& t : kTables)
        out.append(QLatin1String(t.name));
    return out;
}

QList<ProvisioningSql::Statement> ProvisioningSql::statements() const
{
    const QString qualified = QStringLiteral("`%1`.`%2`").arg(m_catalog, m_schema);
    QList<Statement> out;
    out.append({QStringLiteral("schema %1.%2").arg(m_catalog, m_schema),
                QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1 COMMENT 'Advertiser Segment Builder: segments and analytics'")
                    .arg(qualified)});
    for (const auto& t : kTables) {
        out.append({QStringLiteral("table %1").arg(QLatin1String(t.name)),
                    QStringLiteral("CREATE TABLE IF NOT EXISTS %1.`%2` (%3) USING DELTA COMMENT '%4'")
                        .arg(qualified, QLatin1String(t.name), QLatin1String(t.columns), QLatin1String(t.comment))});
    }
    out += rowFilters();
    out.append({QStringLiteral("volume %1").arg(landingVolume()),
                QStringLiteral("CREATE VOLUME IF NOT EXISTS %1.`%2` COMMENT 'Events files uploaded for COPY INTO "
                               "bronze_impressions'")
                    .arg(qualified, landingVolume())});
    return out;
}

} // namespace core
