#include "workspace/lakebase_connector.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "backends/databricks/databricks_connection.h"
#include "backends/postgres/lakebase_target.h"
#include "backends/postgres/pg_executor.h"
#include "backends/postgres/postgres_backend.h"
#include "databricks/database/database_client.h"
#include "databricks/database/database_instance.h"
#include "databricks/database/lakebase_credentials.h"
#include "databricks/diagnostics/current_user.h"

namespace core {

namespace {

// The backend with what it needs alive, torn down in order: renewals stop reaching the executor,
// the backend (and its connection) goes, then the credentials, then the Databricks connection.
struct LakebaseBackendHolder
{
    std::shared_ptr<void> keepAlive;
    std::shared_ptr<LakebaseAccess> access;
    std::shared_ptr<PostgresBackend> backend;
    QMetaObject::Connection renewal;

    ~LakebaseBackendHolder()
    {
        QObject::disconnect(renewal);
        backend.reset();
        access.reset();
    }
};

} // namespace

LakebaseAccess::LakebaseAccess() = default;
LakebaseAccess::~LakebaseAccess()
{
    credentials.reset(); // before the client it uses
}

QString LakebaseAccess::displayName() const
{
    return QStringLiteral("Lakebase %1 · %2 (%3)").arg(instance, database, user);
}

QFuture<Result<std::shared_ptr<LakebaseAccess>>> LakebaseConnector::prepare(DatabricksConnection& connection,
                                                                            const QString& instance,
                                                                            const QString& database)
{
    auto access = std::make_shared<LakebaseAccess>();
    access->client = std::make_unique<DatabaseClient>(connection.api());
    access->instance = instance;
    QPointer<DatabricksConnection> guard(&connection);
    DatabaseClient* client = access->client.get();
    return client->instance(instance).then(&connection, [guard, access, database](const Result<DatabaseInstance>& found) {
        if (!found)
            return QtFuture::makeReadyFuture(Result<std::shared_ptr<LakebaseAccess>>(found.error()));
        if (!guard)
            return QtFuture::makeReadyFuture(
                Result<std::shared_ptr<LakebaseAccess>>(Error::internal(QStringLiteral("the connection went away"))));
        const DatabaseInstance instanceInfo = found.value();
        return guard->currentUser().then(guard.data(), [access, database, instanceInfo](const Result<CurrentUser>& user)
                                                           -> Result<std::shared_ptr<LakebaseAccess>> {
            if (!user)
                return user.error();
            auto target = LakebaseTarget::fromInstance(instanceInfo, database, user.value());
            if (!target)
                return target.error();
            access->credentials = std::make_unique<LakebaseCredentials>(access->client.get(), instanceInfo.name);
            access->settings = target.value().settings(access->credentials.get());
            access->database = target.value().database();
            access->user = target.value().user();
            access->host = target.value().host();
            return access;
        });
    }).unwrap();
}

QFuture<Result<std::shared_ptr<Backend>>> LakebaseConnector::open(std::shared_ptr<LakebaseAccess> access,
                                                                  std::shared_ptr<const Catalogue> catalogue,
                                                                  std::shared_ptr<void> keepAlive,
                                                                  QString provisionCommand)
{
    QObject* owner = access->credentials.get(); // continuations run on the credentials' thread
    const PgConnectionSettings settings = access->settings;
    const PostgresBackend::Naming naming{access->displayName(), provisionCommand};
    return QtConcurrent::run([settings, catalogue, naming]() -> Result<std::shared_ptr<PostgresBackend>> {
               auto opened = PostgresBackend::open(settings, catalogue, naming);
               if (!opened)
                   return opened.error();
               return std::shared_ptr<PostgresBackend>(std::move(opened).value());
           })
        .then(owner, [access, keepAlive](const Result<std::shared_ptr<PostgresBackend>>& opened) -> Result<std::shared_ptr<Backend>> {
            if (!opened)
                return opened.error();
            auto holder = std::make_shared<LakebaseBackendHolder>();
            holder->keepAlive = keepAlive;
            holder->access = access;
            holder->backend = opened.value();
            holder->renewal = LakebaseTarget::reconnectOnRenewal(access->credentials.get(), &holder->backend->executor());
            return std::shared_ptr<Backend>(holder, holder->backend.get());
        });
}

} // namespace core
