// Load harness (issue 14): 20 simulated clients edit the same shared workspace for a bounded
// time, each with its own store (its own connection, its own thread and event loop, as 20 apps
// would), on the Databricks emulator (with throttling: bursts of 429 Retry-After) and on
// PostgreSQL. Each client creates segments of its own and edits a few hot segments everyone
// edits (conflicts: a stale version is refused, the client reads the segment again and redoes
// its edit). Afterwards every confirmed write is read back through a fresh store:
//   rows lost     a confirmed create not found, or a confirmed update (segment, version,
//                 description) not in the segment's history — must be 0;
//   doubled       a create stored twice, or one edit stored as two versions — must be 0;
//   unconfirmed   writes that failed (throttling or network past the retries) yet landed.
// Prints throughput, p50/p95 save latency, conflicts and 429s seen, per backend.
//   build/bin/shared_workspace_load [--seconds 30] [--clients 20] [--backend databricks|postgres|both]
// Exits 1 when a write was lost or doubled. `make load` runs it.
#include "backends/databricks/databricks_segment_store.h"
#include "backends/postgres/postgres_backend.h"
#include "common/future_wait.h"
#include "domain/catalogue.h"
#include "support/emulated_workspace.h"
#include "support/postgres_backend_fixture.h"
#include "support/segment_builders.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
const QString kAdvertiser = QStringLiteral("adv-load");
constexpr int kHotSegments = 5;

struct ConfirmedUpdate
{
    QString id;
    int version = 0;
    QString description;
};

// What one client did and was told.
struct ClientLog
{
    QList<core::Segment> created;
    QList<ConfirmedUpdate> updated;
    QStringList failedDescriptions; // updates reported failed (not conflicts)
    QStringList failedNames;        // creates reported failed
    std::vector<double> saveMs;     // every save call, confirmed or not
    int conflicts = 0;
    int errors = 0;
    QString firstError;
};

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

template <typename T>
T timed(QFuture<T> future, ClientLog& log)
{
    const auto start = Clock::now();
    T result = core::awaitFuture(std::move(future));
    log.saveMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    return result;
}

// One client's session: until `deadline`, 1 in 4 saves creates a segment of its own, the others
// edit a hot segment, redoing the edit on a conflict.
void runClient(core::SegmentStore& store, int client, const QStringList& hot, Clock::time_point deadline, ClientLog& log)
{
    auto* random = QRandomGenerator::global();
    for (int n = 0; Clock::now() < deadline; ++n) {
        if (random->bounded(4) == 0) {
            const QString name = QStringLiteral("client %1 segment %2").arg(client).arg(n);
            auto created = timed(store.createSegment(testsupport::draftSegment(kAdvertiser, name), QStringLiteral("load")), log);
            if (created) {
                log.created.append(created.value());
            } else {
                ++log.errors;
                log.failedNames.append(name);
                if (log.firstError.isEmpty())
                    log.firstError = created.error().toString();
            }
            continue;
        }
        const QString id = hot.at(random->bounded(int(hot.size())));
        const QString description = QStringLiteral("client %1 edit %2").arg(client).arg(n);
        while (Clock::now() < deadline) {
            auto current = core::awaitFuture(store.getSegment(id));
            if (!current) {
                ++log.errors;
                break;
            }
            core::Segment edited = current.value();
            edited.description = description;
            auto saved = timed(store.updateSegment(edited, QStringLiteral("load")), log);
            if (saved) {
                log.updated.append({id, saved.value().version, description});
                break;
            }
            if (saved.error().kind == core::ErrorKind::Conflict) {
                ++log.conflicts;
                continue; // someone else saved first: read again, redo the edit
            }
            ++log.errors;
            log.failedDescriptions.append(description);
            if (log.firstError.isEmpty())
                log.firstError = saved.error().toString();
            break;
        }
    }
}

struct Outcome
{
    qint64 confirmed = 0;
    qint64 lost = 0;
    qint64 doubled = 0;
    qint64 unconfirmedLanded = 0;
};

// Reads back every confirmed write through `store` (a client of its own).
Outcome verify(core::SegmentStore& store, const std::vector<ClientLog>& logs, const QStringList& hot)
{
    Outcome o;
    core::SegmentQuery query;
    query.advertiserId = kAdvertiser;
    auto listed = core::awaitFuture(store.listSegments(query));
    if (!listed) {
        std::fprintf(stderr, "listing for the check failed: %s\n", qPrintable(listed.error().toString()));
        o.lost = -1;
        return o;
    }
    QHash<QString, int> byName;
    QSet<QString> ids;
    for (const core::Segment& s : listed.value()) {
        ++byName[s.name];
        ids.insert(s.id);
    }
    QHash<QString, QList<core::SegmentVersion>> history;
    for (const QString& id : hot) {
        auto versions = core::awaitFuture(store.segmentHistory(id));
        if (versions)
            history.insert(id, versions.value());
        else
            std::fprintf(stderr, "history of %s: %s\n", qPrintable(id), qPrintable(versions.error().toString()));
    }
    QSet<QPair<QString, int>> claimed;
    for (const ClientLog& log : logs) {
        for (const core::Segment& s : log.created) {
            ++o.confirmed;
            if (!ids.contains(s.id))
                ++o.lost;
            if (byName.value(s.name) > 1)
                ++o.doubled;
        }
        for (const QString& name : log.failedNames)
            if (byName.contains(name))
                ++o.unconfirmedLanded;
        for (const ConfirmedUpdate& u : log.updated) {
            ++o.confirmed;
            if (claimed.contains({u.id, u.version}))
                ++o.lost; // two confirmed edits claim one version: one of them was lost
            claimed.insert({u.id, u.version});
            bool found = false;
            int copies = 0;
            for (const core::SegmentVersion& v : history.value(u.id)) {
                if (v.description == u.description) {
                    ++copies;
                    found = found || v.version == u.version;
                }
            }
            if (!found)
                ++o.lost;
            if (copies > 1)
                ++o.doubled;
        }
        for (const QString& description : log.failedDescriptions)
            for (const QString& id : hot)
                for (const core::SegmentVersion& v : history.value(id))
                    if (v.description == description)
                        ++o.unconfirmedLanded;
    }
    return o;
}

// Runs `clients` clients, each on its own thread with the store `open` gives it there.
std::vector<ClientLog> runClients(int clients, int seconds, const QStringList& hot,
                            const std::function<std::shared_ptr<core::SegmentStore>(int)>& open, double* elapsedSeconds)
{
    std::vector<ClientLog> logs(static_cast<size_t>(clients)); // each thread writes its own element only
    std::vector<QThread*> threads;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::seconds(seconds);
    std::atomic<int> running{clients};
    for (int c = 0; c < clients; ++c) {
        QThread* thread = QThread::create([&, c] {
            if (auto store = open(c))
                runClient(*store, c, hot, deadline, logs[size_t(c)]);
            else
                logs[size_t(c)].firstError = QStringLiteral("could not open a store");
            --running;
        });
        threads.push_back(thread);
        thread->start();
    }
    // The emulator (when there is one) answers on this thread: keep its event loop running.
    while (running.load() > 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    for (QThread* thread : threads) {
        thread->wait();
        delete thread;
    }
    *elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    return logs;
}

bool report(const char* backend, const std::vector<ClientLog>& logs, const Outcome& o, double seconds, int throttled)
{
    std::vector<double> all;
    int conflicts = 0, errors = 0;
    qint64 saves = 0;
    QString firstError;
    for (const ClientLog& log : logs) {
        all.insert(all.end(), log.saveMs.begin(), log.saveMs.end());
        conflicts += log.conflicts;
        errors += log.errors;
        if (firstError.isEmpty())
            firstError = log.firstError;
    }
    saves = qint64(all.size());
    std::printf("%-10s %3lld clients %5.1f s: %6lld save calls (%6.1f/s), %6lld confirmed writes (%6.1f/s), "
                "save p50 %6.1f ms p95 %6.1f ms max %7.1f ms; conflicts %d, 429s injected %d, errors %d; "
                "rows lost %lld, doubled %lld, unconfirmed that landed %lld\n",
                backend, static_cast<long long>(logs.size()), seconds, static_cast<long long>(saves), saves / seconds,
                static_cast<long long>(o.confirmed), o.confirmed / seconds, percentile(all, 0.5), percentile(all, 0.95),
                percentile(all, 1.0), conflicts, throttled, errors, static_cast<long long>(o.lost),
                static_cast<long long>(o.doubled), static_cast<long long>(o.unconfirmedLanded));
    if (!firstError.isEmpty())
        std::printf("           first error: %s\n", qPrintable(firstError));
    std::fflush(stdout);
    return o.lost == 0 && o.doubled == 0 && o.confirmed > 0;
}

QStringList createHot(core::SegmentStore& store)
{
    QStringList hot;
    core::awaitFuture(store.saveAdvertiser({kAdvertiser, QStringLiteral("Load Advertiser")}));
    for (int i = 0; i < kHotSegments; ++i) {
        auto created = core::awaitFuture(store.createSegment(
            testsupport::draftSegment(kAdvertiser, QStringLiteral("hot segment %1").arg(i)), QStringLiteral("setup")));
        if (!created) {
            std::fprintf(stderr, "setup: %s\n", qPrintable(created.error().toString()));
            return {};
        }
        hot.append(created.value().id);
    }
    return hot;
}

bool runDatabricks(int clients, int seconds)
{
    auto ws = testsupport::EmulatedWorkspace::create();
    if (!ws || !ws->provision())
        return false;
    auto catalogue = core::Catalogue::load().value();
    auto storeOn = [&](core::StatementClient* statements) {
        return std::make_shared<core::DatabricksSegmentStore>(statements, QStringLiteral("main"),
                                                              QStringLiteral("ad_segments"), catalogue,
                                                              QStringLiteral("emulator"));
    };
    const QStringList hot = createHot(*storeOn(ws->statements.get()));
    if (hot.isEmpty())
        return false;
    // Throttling: every 500 ms the next 5 statement submissions answer 429 Retry-After: 1.
    int throttled = 0;
    QTimer throttle;
    QObject::connect(&throttle, &QTimer::timeout, [&] {
        emulator::Fault fault;
        fault.kind = emulator::Fault::Kind::RetryAfter;
        fault.method = QStringLiteral("POST");
        fault.pathContains = QStringLiteral("/sql/statements");
        fault.remaining = 5;
        fault.retryAfterSeconds = 1;
        ws->emulator->injectFault(fault);
        throttled += 5;
    });
    throttle.start(500);
    const QUrl url = ws->emulator->baseUrl();
    double elapsed = 0;
    const std::vector<ClientLog> logs = runClients(clients, seconds, hot, [&](int) -> std::shared_ptr<core::SegmentStore> {
        // Everything of this client lives on its thread, deleted with the store.
        struct Client
        {
            QNetworkAccessManager network;
            core::PatAuth auth{testsupport::EmulatedWorkspace::kToken};
            std::unique_ptr<core::ApiClient> api;
            std::unique_ptr<core::StatementClient> statements;
        };
        auto client = std::make_shared<Client>();
        core::RetryPolicy policy = testsupport::EmulatedWorkspace::fastPolicy();
        policy.maxDelay = std::chrono::milliseconds(2000);
        client->api = std::make_unique<core::ApiClient>(&client->network, &client->auth, url, policy);
        client->statements = std::make_unique<core::StatementClient>(client->api.get(), testsupport::EmulatedWorkspace::kWarehouse);
        client->statements->setPollBackoff(std::chrono::milliseconds(5), std::chrono::milliseconds(50));
        auto store = storeOn(client->statements.get());
        return std::shared_ptr<core::SegmentStore>(store.get(), [store, client](core::SegmentStore*) mutable {
            store.reset();
            client.reset();
        });
    }, &elapsed);
    throttle.stop();
    ws->emulator->clearFaults();
    const Outcome o = verify(*storeOn(ws->statements.get()), logs, hot);
    return report("databricks", logs, o, elapsed, throttled);
}

bool runPostgres(int clients, int seconds)
{
    QString database;
    auto first = testsupport::openPostgresBackend(QStringLiteral("load"), &database);
    if (!first)
        return false;
    const QStringList hot = createHot(first->segments());
    if (hot.isEmpty())
        return false;
    double elapsed = 0;
    const std::vector<ClientLog> logs = runClients(clients, seconds, hot, [&](int) -> std::shared_ptr<core::SegmentStore> {
        QString db = database;
        std::shared_ptr<core::PostgresBackend> backend = testsupport::openPostgresBackend(QStringLiteral("load"), &db);
        if (!backend)
            return nullptr;
        return std::shared_ptr<core::SegmentStore>(backend, &backend->segments());
    }, &elapsed);
    const Outcome o = verify(first->segments(), logs, hot);
    return report("postgres", logs, o, elapsed, 0);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 30, clients = 20;
    QString backend = QStringLiteral("both");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--clients"))
            clients = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--backend"))
            backend = args[i + 1];
    }
    bool ok = true;
    if (backend != QLatin1String("postgres"))
        ok = runDatabricks(clients, seconds) && ok;
    if (backend != QLatin1String("databricks"))
        ok = runPostgres(clients, seconds) && ok;
    return ok ? 0 : 1;
}
