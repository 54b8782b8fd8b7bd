#include "databricks/diagnostics/workspace_probe.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include "databricks/http/api_client.h"
#include "databricks/statement/statement_client.h"
#include "databricks/warehouse/warehouse_client.h"

namespace core {

namespace {

RetryPolicy defaultReachPolicy()
{
    RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.firstDelay = std::chrono::milliseconds(500);
    policy.maxDelay = std::chrono::milliseconds(1000);
    policy.requestTimeout = std::chrono::milliseconds(15000);
    policy.deadline = std::chrono::milliseconds(35000);
    return policy;
}

template <typename T> QFuture<Result<T>> gone(const QString& what)
{
    Error e =
        Error::internal(QStringLiteral("the Databricks connection was closed before it could %1").arg(what));
    e.kind = ErrorKind::Cancelled;
    return QtFuture::makeReadyFuture(Result<T>(e));
}

} // namespace

WorkspaceProbe::WorkspaceProbe(QNetworkAccessManager* network, ApiClient* api, WarehouseClient* warehouses,
                               StatementClient* statements, QObject* parent)
    : QObject(parent), m_network(network), m_api(api), m_warehouses(warehouses), m_statements(statements),
      m_anonymous(
          std::make_unique<ApiClient>(network, nullptr, api ? api->host() : QUrl(), defaultReachPolicy()))
{
}

WorkspaceProbe::~WorkspaceProbe() = default;

void WorkspaceProbe::setReachPolicy(const RetryPolicy& policy)
{
    // An ApiClient keeps its policy for life: replace it (nothing may be in flight).
    const QUrl host = m_anonymous->host();
    m_anonymous = std::make_unique<ApiClient>(m_network, nullptr, host, policy);
}

QFuture<Result<HostAnswer>> WorkspaceProbe::reachHost()
{
    const QString what = QStringLiteral("reach the Databricks workspace");
    QUrl url = m_anonymous->host();
    url.setPath(url.path() + QStringLiteral("/api/2.0/preview/scim/v2/Me"));
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    return m_anonymous->download(url, {}, what)
        .then(this, [clock](Result<QByteArray> answer) -> Result<HostAnswer> {
            HostAnswer out;
            out.elapsedMs = clock->elapsed();
            if (answer) {
                out.httpStatus = 200;
                out.looksLikeDatabricks = QJsonDocument::fromJson(answer.value()).isObject();
                return out;
            }
            if (answer.error().httpStatus == 0)
                return answer.error(); // no HTTP answer at all
            out.httpStatus = answer.error().httpStatus;
            // Databricks answers an unauthenticated API call with a JSON error (error_code/message).
            out.looksLikeDatabricks = !answer.error().code.isEmpty();
            return out;
        });
}

QFuture<Result<CurrentUser>> WorkspaceProbe::currentUser()
{
    const QString what = QStringLiteral("look up the current user");
    if (!m_api)
        return gone<CurrentUser>(what);
    return m_api->send(ApiRequest::get(QStringLiteral("/api/2.0/preview/scim/v2/Me"), what))
        .then(this, [what](Result<ApiResponse> response) -> Result<CurrentUser> {
            if (!response)
                return response.error();
            return CurrentUser::fromScim(response.value().body, what);
        });
}

QFuture<Result<WarehouseInfo>> WorkspaceProbe::warehouse(const QString& id)
{
    if (!m_warehouses)
        return gone<WarehouseInfo>(QStringLiteral("read the warehouse"));
    return m_warehouses->get(id);
}

QFuture<Result<QList<WarehouseInfo>>> WorkspaceProbe::warehouses()
{
    if (!m_warehouses)
        return gone<QList<WarehouseInfo>>(QStringLiteral("list the warehouses"));
    return m_warehouses->list();
}

QFuture<Result<StatementResult>> WorkspaceProbe::run(const StatementRequest& request)
{
    if (!m_statements)
        return gone<StatementResult>(request.what);
    return m_statements->execute(request);
}

} // namespace core
