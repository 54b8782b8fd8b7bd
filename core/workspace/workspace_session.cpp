#include "workspace_session.h"

#include <spdlog/spdlog.h>

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "backends/backend_diagnostics.h"
#include "backends/postgres/postgres_backend.h"
#include "databricks/diagnostics/current_user.h"
#include "workspace/lakebase_connector.h"
#include "databricks/warehouse/warehouse_client.h"
#include "logging/logging.h"
#include "backends/sqlite/sqlite_backend.h"

namespace core {

namespace {

constexpr std::chrono::minutes kDefaultHealthInterval{2};

} // namespace

WorkspaceSession::WorkspaceSession(std::shared_ptr<const Catalogue> catalogue,
                                   DatabricksConnectionOptions options, DatabricksConfigResolver resolver,
                                   QObject* parent)
    : QObject(parent), m_catalogue(std::move(catalogue)), m_options(std::move(options)),
      m_resolver(std::move(resolver)), m_store(std::make_unique<SwitchableSegmentStore>())
{
    m_options.catalogue = m_catalogue;
    m_wording = {QStringLiteral("Connection ▸ Diagnostics"), QStringLiteral("Connection ▸ Create tables"),
                 QStringLiteral("the connection dialog"), QStringLiteral("the connection dialog")};
    m_store->setResultObserver([this](const std::optional<Error>& outcome) { onCallFinished(outcome); });
    m_healthTimer.setInterval(kDefaultHealthInterval);
    connect(&m_healthTimer, &QTimer::timeout, this, &WorkspaceSession::onHealthTimer);
}

WorkspaceSession::~WorkspaceSession()
{
    m_store.reset(); // drops the backend stores before the connection they may use
    if (m_connection.use_count() == 1)
        *m_deleteConnectionsNow = true;
    m_connection.reset();
}

void WorkspaceSession::setHealthCheckInterval(std::chrono::milliseconds interval)
{
    m_healthTimer.setInterval(interval);
}

Result<DatabricksConfig> WorkspaceSession::resolve(const WorkspaceChoice& choice) const
{
    DatabricksConfigOverrides overrides;
    overrides.profile = choice.profile;
    overrides.warehouseId = choice.warehouseId;
    overrides.catalog = choice.catalog;
    overrides.schema = choice.schema;
    return m_resolver.resolve(overrides);
}

Result<std::unique_ptr<DatabricksConnection>> WorkspaceSession::openConnection(const WorkspaceChoice& choice,
                                                                               QObject* parent) const
{
    if (choice.isLocal() || choice.kind == WorkspaceChoice::Kind::Postgres)
        return Error::validation(QStringLiteral("not_databricks"),
                                 QStringLiteral("This workspace is not a Databricks connection."));
    auto config = resolve(choice);
    if (!config)
        return config.error();
    return DatabricksConnection::create(config.value(), m_options, parent);
}

std::shared_ptr<Backend> WorkspaceSession::backend() const
{
    std::shared_ptr<Backend> open = m_store->current();
    if (auto* outbox = dynamic_cast<OutboxBackend*>(open.get()); outbox && outbox->isOffline())
        return nullptr; // only its segments answer (from the cache), through store()
    return open;
}

std::shared_ptr<Backend> WorkspaceSession::offlineBackend() const
{
    std::shared_ptr<Backend> open = m_store->current();
    if (auto* outbox = dynamic_cast<OutboxBackend*>(open.get()); outbox && outbox->isOffline())
        return open;
    return nullptr;
}

OutboxBackend* WorkspaceSession::outboxBackend() const
{
    return dynamic_cast<OutboxBackend*>(m_store->current().get());
}

QFuture<SwitchableSegmentStore::Opened> WorkspaceSession::withOutbox(QFuture<SwitchableSegmentStore::Opened> opening,
                                                                     const QString& kind, const QString& name)
{
    if (!m_outbox)
        return opening;
    return opening.then(this, [this, outbox = m_outbox, workspace = m_choice.outboxKey(), kind,
                               name](const SwitchableSegmentStore::Opened& opened) -> SwitchableSegmentStore::Opened {
        if (!opened && !isUnreachable(opened.error()))
            return opened;
        if (!opened)
            logging::logger("workspace")->warn("{} cannot be reached; working offline: {}", workspace.toStdString(),
                                               opened.error().toString().toStdString());
        auto wrapped = opened ? std::make_shared<OutboxBackend>(opened.value(), outbox, workspace, kind, name)
                              : std::make_shared<OutboxBackend>(nullptr, outbox, workspace, kind, name, opened.error());
        watchReadCache(*wrapped);
        return std::shared_ptr<Backend>(wrapped);
    });
}

void WorkspaceSession::watchReadCache(OutboxBackend& backend)
{
    m_readCacheAsOf = {};
    emit readCacheShown(m_readCacheAsOf);
    QPointer<WorkspaceSession> self(this);
    OutboxSegmentStore* store = &backend.outboxStore();
    store->setOfflineObserver([self, store](const std::optional<QDateTime>& asOf) {
        if (!self || !self->outboxBackend() || &self->outboxBackend()->outboxStore() != store)
            return; // a store replaced since
        self->m_readCacheAsOf = asOf.value_or(QDateTime());
        emit self->readCacheShown(self->m_readCacheAsOf);
    });
    // Metrics read from the cache date what is shown too, when older than the list.
    OutboxMetricsStore* metrics = &backend.outboxMetrics();
    metrics->setOfflineObserver([self, metrics](const std::optional<QDateTime>& asOf) {
        if (!self || !self->outboxBackend() || &self->outboxBackend()->outboxMetrics() != metrics)
            return;
        const QDateTime listAsOf = self->outboxBackend()->outboxStore().cacheAsOf().value_or(QDateTime());
        QDateTime shown = listAsOf;
        if (asOf && (!shown.isValid() || *asOf < shown))
            shown = *asOf;
        if (shown == self->m_readCacheAsOf)
            return;
        self->m_readCacheAsOf = shown;
        emit self->readCacheShown(self->m_readCacheAsOf);
    });
}

void WorkspaceSession::onHealthTimer()
{
    if (OutboxBackend* outbox = outboxBackend(); outbox && outbox->isOffline()) {
        activate(m_choice); // try to open it again; the window reloads either way
        return;
    }
    checkHealth();
}

QFuture<ReplayReport> WorkspaceSession::syncOutbox()
{
    OutboxBackend* outbox = outboxBackend();
    if (!outbox || !outbox->replayer() || m_syncing || !m_outbox)
        return QtFuture::makeReadyFuture(ReplayReport{});
    auto waiting = m_outbox->count(outboxWorkspace());
    if (waiting && waiting.value() == 0)
        return QtFuture::makeReadyFuture(ReplayReport{});
    m_syncing = true;
    // The backend stays alive while the replay runs, even if the user switches meanwhile.
    std::shared_ptr<Backend> keep = m_store->current();
    return outbox->replayer()->replay().then(this, [this, keep](const ReplayReport& report) {
        m_syncing = false;
        logging::logger("workspace")
            ->info("outbox replay: {} applied, {} found applied, {} conflicts, {} refused, {} waiting", report.applied,
                   report.alreadyApplied, report.conflicts, report.refused, report.waiting);
        emit outboxSynced(report);
        return report;
    });
}

QFuture<SwitchableSegmentStore::Opened> WorkspaceSession::openLocal(const QString& path) const
{
    return QtConcurrent::run([path, catalogue = m_catalogue]() -> SwitchableSegmentStore::Opened {
        auto opened = SqliteBackend::open(path, catalogue);
        if (!opened)
            return opened.error();
        return std::shared_ptr<Backend>(std::move(opened).value());
    });
}

void WorkspaceSession::adoptConnection(std::unique_ptr<DatabricksConnection> connection)
{
    // Not parented: in-flight calls of a replaced connection keep it alive (through the store
    // they hold) until they are done; it is then deleted from the event loop.
    m_connection = std::shared_ptr<DatabricksConnection>(connection.release(),
                                                         [now = m_deleteConnectionsNow](DatabricksConnection* c) {
                                                             if (*now)
                                                                 delete c;
                                                             else
                                                                 c->deleteLater();
                                                         });
}

QFuture<SwitchableSegmentStore::Opened> WorkspaceSession::openPostgres(const QString& conninfo) const
{
    // The password, if the server wants one, comes from PGPASSWORD or ~/.pgpass (libpq).
    return QtConcurrent::run([conninfo, catalogue = m_catalogue]() -> SwitchableSegmentStore::Opened {
        PgConnectionSettings settings;
        settings.conninfo = conninfo;
        auto opened = PostgresBackend::open(settings, catalogue);
        if (!opened)
            return opened.error();
        return std::shared_ptr<Backend>(std::move(opened).value());
    });
}

QFuture<SwitchableSegmentStore::Opened> WorkspaceSession::openLakebase(const WorkspaceChoice& choice) const
{
    const std::shared_ptr<DatabricksConnection> connection = m_connection;
    const auto catalogue = m_catalogue;
    QString provision = QStringLiteral("segctl");
    if (!choice.profile.isEmpty())
        provision += QStringLiteral(" --profile ") + choice.profile;
    provision += QStringLiteral(" --lakebase ") + choice.lakebaseInstance;
    if (!choice.lakebaseDatabase.isEmpty())
        provision += QStringLiteral(" --database ") + choice.lakebaseDatabase;
    provision += QStringLiteral(" provision");
    return LakebaseConnector::prepare(*connection, choice.lakebaseInstance, choice.lakebaseDatabase)
        .then(connection.get(),
              [connection, catalogue, provision](const Result<std::shared_ptr<LakebaseAccess>>& access) {
                  if (!access)
                      return QtFuture::makeReadyFuture(SwitchableSegmentStore::Opened(access.error()));
                  return LakebaseConnector::open(access.value(), catalogue, connection, provision)
                      .then(connection.get(), [](const Result<std::shared_ptr<Backend>>& opened) {
                          return SwitchableSegmentStore::Opened(opened);
                      });
              })
        .unwrap();
}

Status WorkspaceSession::activate(const WorkspaceChoice& choice)
{
    auto log = logging::logger("workspace");
    if (choice.isLocal()) {
        if (choice.localPath.isEmpty())
            return Error::validation(QStringLiteral("no_path"), QStringLiteral("Choose a workspace file."));
        m_choice = choice;
        m_connection.reset();
        m_principal.clear();
        m_healthTimer.stop();
        m_readCacheAsOf = {};
        m_store->switchTo(openLocal(choice.localPath), QStringLiteral("local"),
                          tr("Opening %1…").arg(choice.localPath));
    } else if (choice.kind == WorkspaceChoice::Kind::Postgres) {
        if (choice.conninfo.trimmed().isEmpty())
            return Error::validation(QStringLiteral("no_conninfo"),
                                     tr("Enter the connection string of the PostgreSQL database."));
        m_choice = choice;
        m_connection.reset();
        m_principal.clear();
        m_store->switchTo(withOutbox(openPostgres(choice.conninfo), QStringLiteral("postgres"),
                                     tr("PostgreSQL %1").arg(choice.conninfo)),
                          QStringLiteral("postgres"), tr("Connecting to PostgreSQL %1…").arg(choice.conninfo));
        m_healthTimer.start();
    } else if (choice.kind == WorkspaceChoice::Kind::Lakebase) {
        if (choice.lakebaseInstance.isEmpty())
            return Error::validation(QStringLiteral("no_instance"), tr("Enter the name of the Lakebase database instance."));
        auto connection = openConnection(choice);
        if (!connection) {
            log->warn("not switching to {}: {}", choice.describe().toStdString(),
                      connection.error().toString().toStdString());
            return connection.error();
        }
        m_choice = choice;
        m_principal.clear();
        adoptConnection(std::move(connection).value());
        m_store->switchTo(withOutbox(openLakebase(choice), QStringLiteral("postgres"),
                                     tr("Lakebase %1").arg(choice.lakebaseInstance)),
                          QStringLiteral("postgres"), tr("Connecting to Lakebase %1…").arg(choice.lakebaseInstance));
        m_healthTimer.start();
    } else {
        auto connection = openConnection(choice);
        if (!connection) {
            log->warn("not switching to {}: {}", choice.describe().toStdString(),
                      connection.error().toString().toStdString());
            return connection.error();
        }
        m_choice = choice;
        m_principal.clear();
        adoptConnection(std::move(connection).value());
        const std::shared_ptr<Backend> backend(m_connection, m_connection.get());
        m_store->switchTo(withOutbox(QtFuture::makeReadyFuture(SwitchableSegmentStore::Opened(backend)),
                                     QStringLiteral("databricks"), m_connection->displayName()),
                          QStringLiteral("databricks"), m_connection->displayName());
        m_healthTimer.start();
    }
    log->info("workspace: {}", choice.describe().toStdString());
    setHealth({WorkspaceHealth::State::Connecting, tr("Connecting to %1…").arg(m_store->displayName()), {}});
    emit activated(m_choice);
    checkHealth();
    return success();
}

Status WorkspaceSession::activateOffline(const WorkspaceChoice& choice, const Error& why)
{
    if (!m_outbox || choice.isLocal())
        return why;
    m_choice = choice;
    m_connection.reset();
    m_principal.clear();
    const QString kind = choice.isDatabricks() ? QStringLiteral("databricks") : QStringLiteral("postgres");
    auto offline = std::make_shared<OutboxBackend>(nullptr, m_outbox, choice.outboxKey(), kind, choice.describe(), why);
    watchReadCache(*offline);
    m_store->switchTo(QtFuture::makeReadyFuture(SwitchableSegmentStore::Opened(std::shared_ptr<Backend>(offline))),
                      kind, choice.describe());
    m_healthTimer.start();
    logging::logger("workspace")->warn("workspace {} offline: {}", choice.describe().toStdString(),
                                       why.toString().toStdString());
    emit activated(m_choice);
    checkHealth();
    return success();
}

std::shared_ptr<BackendDiagnostics> WorkspaceSession::diagnostics() const
{
    if (m_connection && m_choice.isDatabricks()) // there at once, before the store settles
        return std::shared_ptr<BackendDiagnostics>(m_connection, m_connection->diagnostics());
    const std::shared_ptr<Backend> open = backend();
    if (!open || !open->diagnostics())
        return nullptr;
    return std::shared_ptr<BackendDiagnostics>(open, open->diagnostics());
}

Error WorkspaceSession::explain(const Error& error) const
{
    if (!m_connection || !m_choice.isDatabricks())
        return error; // PostgreSQL's errors carry their own fix (a missing GRANT is named by its checks)
    return DatabricksErrorAdvisor(m_connection->config(), m_wording).explain(error, m_principal);
}

void WorkspaceSession::setHealth(WorkspaceHealth health)
{
    if (health.state == WorkspaceHealth::State::Healthy || health.state == WorkspaceHealth::State::Degraded)
        syncOutbox(); // the shared workspace answers: send what waits
    if (health == m_health)
        return;
    m_health = std::move(health);
    logging::logger("workspace")
        ->info("health: {} — {}", WorkspaceHealth::stateName(m_health.state).toStdString(),
               m_health.summary.toStdString());
    emit healthChanged(m_health);
}

void WorkspaceSession::onCallFinished(const std::optional<Error>& outcome)
{
    if (outcome && WorkspaceHealth::isWorkspaceProblem(*outcome)) {
        setHealth({WorkspaceHealth::State::Unhealthy, explain(*outcome).userMessage, explain(*outcome)});
        return;
    }
    if (OutboxBackend* outbox = outboxBackend(); !outcome && outbox && outbox->outboxStore().cacheAsOf())
        return; // answered from the read cache or queued: says nothing about the workspace
    if (!outcome && m_health.state == WorkspaceHealth::State::Unhealthy) {
        // A call worked again: confirm with a full check rather than guessing the summary.
        checkHealth();
    }
}

void WorkspaceSession::checkHealth()
{
    if (OutboxBackend* outbox = outboxBackend(); outbox && outbox->isOffline()) {
        const Error why = outbox->openingError().value_or(Error{});
        setHealth({WorkspaceHealth::State::Unhealthy, tr("Offline — %1").arg(why.userMessage), why});
        return;
    }
    if (m_choice.isPostgres()) {
        checkPostgres();
        return;
    }
    if (m_connection) {
        checkDatabricks();
        return;
    }
    const quint64 sequence = ++m_checkSequence;
    m_store->whenOpened().then(this, [this, sequence](const Status& opened) {
        if (sequence != m_checkSequence || m_connection)
            return;
        if (opened)
            setHealth({WorkspaceHealth::State::Healthy, tr("Local workspace open"), {}});
        else
            setHealth({WorkspaceHealth::State::Unhealthy, opened.error().userMessage, opened.error()});
    });
}

void WorkspaceSession::checkPostgres()
{
    // Once open: the database's own checks (server and sign-in, schema version, privileges);
    // the first failure is what the status bar says.
    const quint64 sequence = ++m_checkSequence;
    m_store->whenOpened().then(this, [this, sequence](const Status& opened) {
        if (sequence != m_checkSequence)
            return;
        if (!opened) {
            setHealth({WorkspaceHealth::State::Unhealthy, opened.error().userMessage, opened.error()});
            return;
        }
        if (OutboxBackend* outbox = outboxBackend(); outbox && outbox->isOffline()) {
            const Error why = outbox->openingError().value_or(Error{});
            setHealth({WorkspaceHealth::State::Unhealthy, tr("Offline — %1").arg(why.userMessage), why});
            return;
        }
        const std::shared_ptr<BackendDiagnostics> checks = diagnostics();
        if (!checks) {
            setHealth({WorkspaceHealth::State::Healthy, tr("Connected"), {}});
            return;
        }
        checks->run({}).then(this, [this, sequence, checks](const DiagnosticsReport& report) {
            if (sequence != m_checkSequence)
                return;
            m_principal = report.principal;
            if (const DiagnosticCheck* failed = report.firstFailure()) {
                Error e{ErrorKind::Remote, 0, failed->code, failed->summary, failed->cause, failed->fix};
                setHealth({WorkspaceHealth::State::Unhealthy, failed->summary, e});
                return;
            }
            setHealth({WorkspaceHealth::State::Healthy,
                       m_principal.isEmpty() ? tr("Connected") : tr("signed in as %1").arg(m_principal), {}});
        });
    });
}

void WorkspaceSession::checkDatabricks()
{
    const quint64 sequence = ++m_checkSequence;
    std::weak_ptr<DatabricksConnection> weak = m_connection;
    auto stale = [this, sequence, weak] {
        return sequence != m_checkSequence || weak.expired() || weak.lock() != m_connection;
    };
    m_connection->currentUser().then(this, [this, stale](const Result<CurrentUser>& user) {
        if (stale())
            return;
        if (!user) {
            setHealth({WorkspaceHealth::State::Unhealthy, explain(user.error()).userMessage,
                       explain(user.error())});
            return;
        }
        m_principal = user.value().principal();
        const QString who =
            tr("signed in as %1").arg(user.value().userName.isEmpty() ? m_principal : user.value().userName);
        const QString warehouseId = m_connection->warehouseId();
        if (warehouseId.isEmpty()) {
            Error e = Error::validation(QStringLiteral("no_warehouse"),
                                        tr("The Databricks connection names no SQL warehouse."));
            e.remediation =
                tr("Choose a warehouse in the connection dialog, or set warehouse_id in the profile.");
            setHealth({WorkspaceHealth::State::Unhealthy, e.userMessage, e});
            return;
        }
        m_connection->warehouses()
            ->get(warehouseId)
            .then(this, [this, stale, who](const Result<WarehouseInfo>& info) {
                if (stale())
                    return;
                if (!info) {
                    setHealth({WorkspaceHealth::State::Unhealthy, explain(info.error()).userMessage,
                               explain(info.error())});
                    return;
                }
                const WarehouseInfo& w = info.value();
                const QString summary = tr("Warehouse “%1” %2 · %3").arg(w.name, w.state.toLower(), who);
                if (w.isRunning() && w.health != QLatin1String("DEGRADED") &&
                    w.health != QLatin1String("FAILED"))
                    setHealth({WorkspaceHealth::State::Healthy, summary, {}});
                else if (w.isDeleted() || w.health == QLatin1String("FAILED"))
                    setHealth(
                        {WorkspaceHealth::State::Unhealthy, summary,
                         Error{ErrorKind::Remote, 0, w.state,
                               tr("The SQL warehouse “%1” is %2.").arg(w.name, w.state.toLower()),
                               w.healthSummary, tr("Choose another warehouse in the connection dialog.")}});
                else
                    setHealth({WorkspaceHealth::State::Degraded,
                               w.isRunning()
                                   ? tr("%1 (%2)").arg(summary, w.healthSummary)
                                   : tr("%1 — it starts with the first query, which can take a few minutes")
                                         .arg(summary),
                               {}});
            });
    });
}

} // namespace core
