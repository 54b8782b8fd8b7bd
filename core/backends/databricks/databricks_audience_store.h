#pragma once

#include <functional>
#include <memory>

#include <QObject>

#include "backends/audience_store.h"
#include "databricks/statement/statement_request.h"
#include "sql/audience_sql.h"
#include "sql/segment_sql.h"

namespace core {

class SegmentStore;
class StatementClient;

// Members and identifiers in Databricks Unity Catalog, through the SQL warehouse. Members come
// from ReachQueryBuilder's member query built the way DatabricksSegmentStore builds the reach (the
// segment read through the segment store, references resolved among its advertiser's live
// segments, the window ending at the last day of audience_profiles), so their number is the reach.
// `<catalog>.<schema>.customer_identifiers` belongs to the data engineers who fill it: the app
// only reads it, and importIdentifiers is refused (Permission, "identifiers_read_only").
// Results come by external links (a segment may have millions of members). Lives on the thread
// of its StatementClient; futures finish there.
class DatabricksAudienceStore final : public AudienceStore
{
public:
    // The segment store must outlive this store.
    DatabricksAudienceStore(StatementClient* statements, QString catalog, QString schema,
                            SegmentStore& segments);
    ~DatabricksAudienceStore() override;

    QFuture<Result<QStringList>> members(const QString& segmentId) override;
    QFuture<Result<QList<CustomerIdentifiers>>> memberIdentifiers(const QString& segmentId) override;
    QFuture<Result<IdentifiersImportReport>>
    importIdentifiers(const QList<CustomerIdentifiers>& rows) override;
    QFuture<Result<qint64>> identifierCount() override;

private:
    // What a member query needs: the segment's definition and the rows of its reach's last day.
    struct Audience;
    using Build = std::function<Result<BoundSql>(const ReachQueryBuilder&, const Definition&)>;

    QFuture<Result<StatementResult>> run(const BoundSql& sql, const QString& what,
                                         bool externalLinks = false);
    // The statement result of `build` over the segment's audience; an empty result (no rows) when
    // there is no audience data yet.
    QFuture<Result<StatementResult>> audienceQuery(const QString& segmentId, Build build,
                                                   const QString& what);

    StatementClient* m_statements;
    QString m_catalog;
    QString m_schema;
    SegmentStore& m_segmentStore;
    SegmentSql m_segments;
    AudienceSql m_sql;
    std::unique_ptr<QObject> m_context; // continuations run in its thread and die with the store
};

} // namespace core
