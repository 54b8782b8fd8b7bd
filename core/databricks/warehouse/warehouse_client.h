#pragma once

#include <chrono>

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>

#include "common/result.h"
#include "databricks/warehouse/warehouse_info.h"

namespace core {

class ApiClient;

// The SQL Warehouses API (reference §3) through ApiClient: list (following next_page_token),
// get, and start (POST .../start, then GET until RUNNING with capped backoff, reporting
// progress). Lives on the thread of its ApiClient; futures finish there.
class WarehouseClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WarehouseClient)

public:
    explicit WarehouseClient(ApiClient* api, QObject* parent = nullptr);
    ~WarehouseClient() override;

    // Every warehouse the caller can access, in the order the server lists them.
    QFuture<Result<QList<WarehouseInfo>>> list();
    QFuture<Result<WarehouseInfo>> get(const QString& id);
    // Starts the warehouse (a running one is answered at once) and waits until it is RUNNING.
    // Fails when it is deleted, stops again, turns unhealthy (FAILED), or is not running within
    // the start timeout. Emits startProgress while waiting.
    QFuture<Result<WarehouseInfo>> start(const QString& id);

    // Polling between GETs while starting: first, doubled up to max; overall timeout (default
    // 1 s → 10 s, 20 minutes like the SDK waiters). Tests shorten them.
    void setStartPolling(std::chrono::milliseconds first, std::chrono::milliseconds max,
                         std::chrono::milliseconds timeout);
    // Results per page requested from the list call (0: the server's default).
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

signals:
    // While start() waits: the state seen and a line for people, "Warehouse “Analytics” is
    // starting… (25 s)".
    void startProgress(const QString& warehouseId, const QString& state, const QString& message);

private:
    QPointer<ApiClient> m_api;
    std::chrono::milliseconds m_firstPoll{1000};
    std::chrono::milliseconds m_maxPoll{10000};
    std::chrono::milliseconds m_startTimeout{std::chrono::minutes(20)};
    int m_pageSize = 0;

    struct ListState;
    void fetchPage(std::shared_ptr<ListState> state, const QString& pageToken);
    struct StartState;
    void pollStart(std::shared_ptr<StartState> state);
};

} // namespace core
