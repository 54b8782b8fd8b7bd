#include "activation/sync/audience_sync_state.h"

#include "settings/app_paths.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <cstring>

namespace core {

namespace {

constexpr int kSchemaVersion = 2; // 2: audit_log

const char* const kSchema[] = {
    R"(CREATE TABLE IF NOT EXISTS destinations (
         id INTEGER PRIMARY KEY,
         name TEXT NOT NULL UNIQUE COLLATE NOCASE,
         platform TEXT NOT NULL,
         account_id TEXT NOT NULL,
         login_account_id TEXT NOT NULL DEFAULT '',
         audience_name TEXT NOT NULL DEFAULT '',
         audience_id TEXT NOT NULL DEFAULT '',
         segment_id TEXT NOT NULL DEFAULT '',
         credential_source TEXT NOT NULL,
         created_at TEXT NOT NULL))",
    R"(CREATE TABLE IF NOT EXISTS sent_rows (
         destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
         digest BLOB NOT NULL,
         row_values TEXT NOT NULL,
         run_id INTEGER NOT NULL,
         PRIMARY KEY (destination_id, digest)) WITHOUT ROWID)",
    R"(CREATE TABLE IF NOT EXISTS sync_runs (
         id INTEGER PRIMARY KEY,
         destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
         segment_id TEXT NOT NULL,
         started_at TEXT NOT NULL,
         finished_at TEXT,
         state TEXT NOT NULL,
         planned_adds INTEGER NOT NULL,
         planned_removes INTEGER NOT NULL,
         added INTEGER NOT NULL DEFAULT 0,
         removed INTEGER NOT NULL DEFAULT 0,
         rejected INTEGER NOT NULL DEFAULT 0,
         failed_batches INTEGER NOT NULL DEFAULT 0,
         message TEXT NOT NULL DEFAULT ''))",
    R"(CREATE INDEX IF NOT EXISTS sync_runs_by_destination ON sync_runs (destination_id, id))",
    R"(CREATE TABLE IF NOT EXISTS sync_journal (
         run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
         seq INTEGER NOT NULL,
         operation TEXT NOT NULL,
         rows INTEGER NOT NULL,
         accepted INTEGER NOT NULL,
         rejected INTEGER NOT NULL,
         state TEXT NOT NULL,
         session_id INTEGER NOT NULL DEFAULT 0,
         batch_seq INTEGER NOT NULL DEFAULT 0,
         request_id TEXT NOT NULL DEFAULT '',
         message TEXT NOT NULL DEFAULT '',
         at TEXT NOT NULL,
         PRIMARY KEY (run_id, seq)))",
    // The sync runs' audit trail, in the columns of the workspace's audit_log (core/sql/audit_sql.h).
    R"(CREATE TABLE IF NOT EXISTS audit_log (
         audit_id TEXT PRIMARY KEY NOT NULL,
         changed_at TEXT NOT NULL,
         actor TEXT NOT NULL,
         advertiser_id TEXT NOT NULL DEFAULT '',
         object_kind TEXT NOT NULL,
         object_id TEXT NOT NULL,
         action TEXT NOT NULL,
         object_version INTEGER NOT NULL,
         before_json TEXT,
         after_json TEXT))",
    R"(CREATE INDEX IF NOT EXISTS audit_log_by_object ON audit_log (object_id, changed_at))",
};

// Who runs the sync: the OS user, as the local workspace records it (AppSettings::userName's default).
QString osUser()
{
    return qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("local-user")));
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QVariant& v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

Error sqlError(const QString& what, const QSqlError& error)
{
    return Error::storage(QStringLiteral("The activation state could not be %1.").arg(what), error.text(),
                          QStringLiteral("Check that the data folder is writable and not full."));
}

QString valuesJson(const QStringList& values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList valuesFromJson(const QString& json)
{
    QStringList out;
    for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
        out.append(v.toString());
    return out;
}

// Runs a prepared statement with its values bound in order; a null QString is bound as ''
// (the text columns are NOT NULL).
bool exec(QSqlQuery& q, const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant& v = values.at(i);
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i, QStringLiteral(""));
        else
            q.bindValue(i, v);
    }
    return q.exec();
}

DestinationConfig destinationFrom(const QSqlQuery& q)
{
    DestinationConfig d;
    d.id = q.value(0).toLongLong();
    d.name = q.value(1).toString();
    d.platform = parseAudiencePlatform(q.value(2).toString()).value_or(AudiencePlatform::Google);
    d.accountId = q.value(3).toString();
    d.loginAccountId = q.value(4).toString();
    d.audienceName = q.value(5).toString();
    d.audienceId = q.value(6).toString();
    d.segmentId = q.value(7).toString();
    d.credentialSource = parseCredentialSource(q.value(8).toString()).value_or(CredentialSource::Keychain);
    d.createdAt = fromIso(q.value(9));
    return d;
}

const char* const kDestinationColumns =
    "id, name, platform, account_id, login_account_id, audience_name, audience_id, segment_id, credential_source, "
    "created_at";

} // namespace

QString syncRunStateKey(SyncRunState state)
{
    switch (state) {
    case SyncRunState::Running: return QStringLiteral("running");
    case SyncRunState::Succeeded: return QStringLiteral("succeeded");
    case SyncRunState::Partial: return QStringLiteral("partial");
    case SyncRunState::Failed: return QStringLiteral("failed");
    case SyncRunState::Cancelled: return QStringLiteral("cancelled");
    case SyncRunState::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<SyncRunState> parseSyncRunState(const QString& key)
{
    for (SyncRunState s : {SyncRunState::Running, SyncRunState::Succeeded, SyncRunState::Partial, SyncRunState::Failed,
                           SyncRunState::Cancelled, SyncRunState::Interrupted}) {
        if (syncRunStateKey(s) == key)
            return s;
    }
    return std::nullopt;
}

QString audienceOperationKey(AudienceOperation operation)
{
    return operation == AudienceOperation::Add ? QStringLiteral("add") : QStringLiteral("remove");
}

QString AudienceSyncState::defaultPath()
{
    return QDir(AppPaths::dataDir()).filePath(QStringLiteral("activation.sqlite"));
}

AudienceSyncState::AudienceSyncState(QString path, QString connection)
    : m_path(std::move(path)), m_connection(std::move(connection))
{
}

AudienceSyncState::~AudienceSyncState()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<AudienceSyncState>> AudienceSyncState::open(const QString& path)
{
    static QAtomicInt counter;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::io(QStringLiteral("The folder of the activation state could not be created."), info.absolutePath());
    const QString connection = QStringLiteral("activation-state-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<AudienceSyncState> state(new AudienceSyncState(info.absoluteFilePath(), connection));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(info.absoluteFilePath());
        if (!db.open())
            return Error::storage(QStringLiteral("The activation state could not be opened."), db.lastError().text(),
                                  QStringLiteral("Check that %1 is readable and writable.").arg(info.absoluteFilePath()));
    }
    if (Status ok = state->migrate(); !ok)
        return ok.error();
    return state;
}

Status AudienceSyncState::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                               "PRAGMA busy_timeout = 5000"}) {
        if (!q.exec(QLatin1String(pragma)))
            return sqlError(QStringLiteral("opened"), q.lastError());
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(QStringLiteral("opened"), q.lastError());
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return Error::storage(QStringLiteral("The activation state was written by a newer version of the app."),
                              QStringLiteral("user_version %1 > %2").arg(version).arg(kSchemaVersion),
                              QStringLiteral("Update the app."));
    if (version == kSchemaVersion)
        return success();
    if (!db.transaction())
        return sqlError(QStringLiteral("created"), db.lastError());
    for (const char* statement : kSchema) {
        if (!q.exec(QLatin1String(statement))) {
            const Error e = sqlError(QStringLiteral("created"), q.lastError());
            db.rollback();
            return e;
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)) || !db.commit()) {
        const Error e = sqlError(QStringLiteral("created"), q.lastError());
        db.rollback();
        return e;
    }
    return success();
}

Result<DestinationConfig> AudienceSyncState::addDestination(DestinationConfig config)
{
    if (Status ok = DestinationConfig::validateName(config.name); !ok)
        return ok.error();
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM destinations WHERE name = ?"));
    if (!exec(q, {config.name}) || !q.next())
        return sqlError(QStringLiteral("read"), q.lastError());
    if (q.value(0).toInt() > 0)
        return Error::conflict(QStringLiteral("destination_exists"),
                               QStringLiteral("A destination named “%1” already exists.").arg(config.name),
                               QStringLiteral("Choose another name, or remove the existing one first."));
    if (!config.createdAt.isValid())
        config.createdAt = QDateTime::currentDateTimeUtc();
    q.prepare(QStringLiteral("INSERT INTO destinations (name, platform, account_id, login_account_id, audience_name, "
                             "audience_id, segment_id, credential_source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!exec(q, {config.name, audiencePlatformKey(config.platform), config.accountId, config.loginAccountId,
                  config.audienceName, config.audienceId, config.segmentId, credentialSourceKey(config.credentialSource),
                  config.createdAt.toUTC().toString(Qt::ISODateWithMs)}))
        return sqlError(QStringLiteral("saved"), q.lastError());
    config.id = q.lastInsertId().toLongLong();
    return config;
}

Result<QList<DestinationConfig>> AudienceSyncState::destinations() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("SELECT %1 FROM destinations ORDER BY name COLLATE NOCASE").arg(QLatin1String(kDestinationColumns))))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<DestinationConfig> out;
    while (q.next())
        out.append(destinationFrom(q));
    return out;
}

Result<DestinationConfig> AudienceSyncState::destination(const QString& name) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT %1 FROM destinations WHERE name = ?").arg(QLatin1String(kDestinationColumns)));
    if (!exec(q, {name}))
        return sqlError(QStringLiteral("read"), q.lastError());
    if (q.next())
        return destinationFrom(q);
    QStringList known;
    if (auto all = destinations(); all) {
        for (const auto& d : all.value())
            known.append(d.name);
    }
    Error e = Error::notFound(QStringLiteral("There is no destination named “%1”.").arg(name.left(80)));
    e.code = QStringLiteral("unknown_destination");
    e.remediation = known.isEmpty() ? QStringLiteral("Add one with `segctl destinations add google|meta NAME …`.")
                                    : QStringLiteral("Known destinations: %1.").arg(known.join(QStringLiteral(", ")));
    return e;
}

Status AudienceSyncState::removeDestination(const QString& name)
{
    auto d = destination(name);
    if (!d)
        return d.error();
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM destinations WHERE id = ?"));
    if (!exec(q, {d.value().id}))
        return sqlError(QStringLiteral("changed"), q.lastError());
    return success();
}

Status AudienceSyncState::setAudience(qint64 destinationId, const QString& audienceId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE destinations SET audience_id = ? WHERE id = ?"));
    if (!exec(q, {audienceId, destinationId}))
        return sqlError(QStringLiteral("saved"), q.lastError());
    return success();
}

Status AudienceSyncState::setSegment(qint64 destinationId, const QString& segmentId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE destinations SET segment_id = ? WHERE id = ?"));
    if (!exec(q, {segmentId, destinationId}))
        return sqlError(QStringLiteral("saved"), q.lastError());
    return success();
}

Result<std::vector<RowDigest>> AudienceSyncState::sentDigests(qint64 destinationId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT digest FROM sent_rows WHERE destination_id = ?"));
    if (!exec(q, {destinationId}))
        return sqlError(QStringLiteral("read"), q.lastError());
    std::vector<RowDigest> out;
    if (auto count = sentCount(destinationId); count)
        out.reserve(size_t(count.value()));
    while (q.next()) {
        const QByteArray digest = q.value(0).toByteArray();
        RowDigest d{};
        std::memcpy(d.data(), digest.constData(), std::min<size_t>(d.size(), size_t(digest.size())));
        out.push_back(d);
    }
    return out;
}

Result<int> AudienceSyncState::sentCount(qint64 destinationId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT count(*) FROM sent_rows WHERE destination_id = ?"));
    if (!exec(q, {destinationId}) || !q.next())
        return sqlError(QStringLiteral("read"), q.lastError());
    return q.value(0).toInt();
}

Result<QList<SentRow>> AudienceSyncState::sentRows(qint64 destinationId, const QList<QByteArray>& digests) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT row_values FROM sent_rows WHERE destination_id = ? AND digest = ?"));
    QList<SentRow> out;
    out.reserve(digests.size());
    for (const QByteArray& digest : digests) {
        if (!exec(q, {destinationId, digest}))
            return sqlError(QStringLiteral("read"), q.lastError());
        if (q.next())
            out.append({digest, valuesFromJson(q.value(0).toString())});
        q.finish();
    }
    return out;
}

Result<qint64> AudienceSyncState::beginRun(qint64 destinationId, const QString& segmentId, int plannedAdds,
                                           int plannedRemoves)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("saved"), db.lastError());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE sync_runs SET state = ?, finished_at = ?, message = CASE WHEN message = '' THEN ? "
                             "ELSE message END WHERE destination_id = ? AND state = ?"));
    const bool interrupted =
        exec(q, {syncRunStateKey(SyncRunState::Interrupted), isoNow(),
                 QStringLiteral("The sync stopped before it finished (the app was closed or ended)."), destinationId,
                 syncRunStateKey(SyncRunState::Running)});
    q.prepare(QStringLiteral("INSERT INTO sync_runs (destination_id, segment_id, started_at, state, planned_adds, "
                             "planned_removes) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!interrupted || !exec(q, {destinationId, segmentId, isoNow(), syncRunStateKey(SyncRunState::Running),
                                  plannedAdds, plannedRemoves})) {
        const Error e = sqlError(QStringLiteral("saved"), q.lastError());
        db.rollback();
        return e;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    if (!db.commit())
        return sqlError(QStringLiteral("saved"), db.lastError());
    return id;
}

namespace {

bool insertJournal(QSqlQuery& q, qint64 runId, const SyncBatchRecord& b)
{
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_journal (run_id, seq, operation, rows, accepted, rejected, "
                             "state, session_id, batch_seq, request_id, message, at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QDateTime at = b.at.isValid() ? b.at : QDateTime::currentDateTimeUtc();
    return exec(q, {runId, b.sequence, audienceOperationKey(b.operation), b.rows, b.accepted, b.rejected, b.state,
                    b.sessionId, b.batchSequence, b.requestId, b.message.left(1000),
                    at.toUTC().toString(Qt::ISODateWithMs)});
}

} // namespace

Status AudienceSyncState::recordBatch(qint64 runId, qint64 destinationId, const SyncBatchRecord& batch,
                                      const QList<SentRow>& acknowledged)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("saved"), db.lastError());
    QSqlQuery q(db);
    const auto fail = [&](const QSqlError& error) {
        const Error e = sqlError(QStringLiteral("saved"), error);
        db.rollback();
        return Status(e);
    };
    if (!insertJournal(q, runId, batch))
        return fail(q.lastError());
    if (batch.operation == AudienceOperation::Add) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO sent_rows (destination_id, digest, row_values, run_id) "
                                 "VALUES (?, ?, ?, ?)"));
        for (const SentRow& row : acknowledged) {
            if (!exec(q, {destinationId, row.digest, valuesJson(row.values), runId}))
                return fail(q.lastError());
        }
    } else {
        q.prepare(QStringLiteral("DELETE FROM sent_rows WHERE destination_id = ? AND digest = ?"));
        for (const SentRow& row : acknowledged) {
            if (!exec(q, {destinationId, row.digest}))
                return fail(q.lastError());
        }
    }
    const bool add = batch.operation == AudienceOperation::Add;
    q.prepare(add ? QStringLiteral("UPDATE sync_runs SET added = added + ?, rejected = rejected + ? WHERE id = ?")
                  : QStringLiteral("UPDATE sync_runs SET removed = removed + ?, rejected = rejected + ? WHERE id = ?"));
    if (!exec(q, {int(acknowledged.size()), batch.rejected, runId}))
        return fail(q.lastError());
    if (!db.commit())
        return fail(db.lastError());
    return success();
}

Status AudienceSyncState::recordFailedBatch(qint64 runId, const SyncBatchRecord& batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("saved"), db.lastError());
    QSqlQuery q(db);
    if (!insertJournal(q, runId, batch)) {
        const Error e = sqlError(QStringLiteral("saved"), q.lastError());
        db.rollback();
        return e;
    }
    q.prepare(QStringLiteral("UPDATE sync_runs SET failed_batches = failed_batches + 1, "
                             "message = CASE WHEN message = '' THEN ? ELSE message END WHERE id = ?"));
    if (!exec(q, {batch.message.left(1000), runId}) || !db.commit()) {
        const Error e = sqlError(QStringLiteral("saved"), q.lastError());
        db.rollback();
        return e;
    }
    return success();
}

Status AudienceSyncState::finishRun(qint64 runId, SyncRunState state, const QString& message)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("saved"), db.lastError());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE sync_runs SET state = ?, finished_at = ?, "
                             "message = CASE WHEN ? = '' THEN message ELSE ? END WHERE id = ?"));
    const QString m = message.left(1000);
    const QString now = isoNow();
    if (!exec(q, {syncRunStateKey(state), now, m, m, runId})) {
        const Error e = sqlError(QStringLiteral("saved"), q.lastError());
        db.rollback();
        return e;
    }
    QSqlQuery run(db);
    run.prepare(QStringLiteral("SELECT r.segment_id, r.started_at, r.planned_adds, r.planned_removes, r.added, r.removed, "
                               "r.rejected, r.failed_batches, d.name, d.platform, d.audience_id FROM sync_runs r "
                               "JOIN destinations d ON d.id = r.destination_id WHERE r.id = ?"));
    if (!exec(run, {runId}) || !run.next()) {
        const Error e = sqlError(QStringLiteral("saved"), run.lastError());
        db.rollback();
        return e;
    }
    const QJsonObject after{{QStringLiteral("run_id"), runId},
                            {QStringLiteral("destination"), run.value(8).toString()},
                            {QStringLiteral("platform"), run.value(9).toString()},
                            {QStringLiteral("audience_id"), run.value(10).toString()},
                            {QStringLiteral("segment_id"), run.value(0).toString()},
                            {QStringLiteral("started_at"), run.value(1).toString()},
                            {QStringLiteral("finished_at"), now},
                            {QStringLiteral("state"), syncRunStateKey(state)},
                            {QStringLiteral("planned_adds"), run.value(2).toInt()},
                            {QStringLiteral("planned_removes"), run.value(3).toInt()},
                            {QStringLiteral("added"), run.value(4).toInt()},
                            {QStringLiteral("removed"), run.value(5).toInt()},
                            {QStringLiteral("rejected"), run.value(6).toInt()},
                            {QStringLiteral("failed_batches"), run.value(7).toInt()}};
    QSqlQuery audit(db);
    audit.prepare(QStringLiteral("INSERT INTO audit_log (audit_id, changed_at, actor, advertiser_id, object_kind, object_id, "
                                 "action, object_version, before_json, after_json) VALUES (?, ?, ?, '', ?, ?, ?, ?, NULL, ?)"));
    if (!exec(audit, {QUuid::createUuid().toString(QUuid::WithoutBraces), now, osUser(), QStringLiteral("activation_sync"),
                      run.value(0).toString(), QStringLiteral("sync_") + syncRunStateKey(state), runId,
                      QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact))}) ||
        !db.commit()) {
        const Error e = sqlError(QStringLiteral("saved"), audit.lastError());
        db.rollback();
        return e;
    }
    return success();
}

Result<QList<AuditEntry>> AudienceSyncState::auditLog(const AuditQuery& query) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QString sql = QStringLiteral("SELECT audit_id, changed_at, actor, advertiser_id, object_kind, object_id, action, "
                                 "object_version, before_json, after_json FROM audit_log WHERE 1 = 1");
    QVariantList values;
    if (!query.advertiserId.isEmpty()) {
        sql += QStringLiteral(" AND advertiser_id = ?");
        values << query.advertiserId;
    }
    if (!query.objectId.isEmpty()) {
        sql += QStringLiteral(" AND object_id = ?");
        values << query.objectId;
    }
    sql += QStringLiteral(" ORDER BY changed_at DESC, object_version DESC LIMIT ?");
    values << (query.limit < 0 ? -1 : query.limit);
    q.prepare(sql);
    if (!exec(q, values))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toString();
        e.at = fromIso(q.value(1));
        e.actor = q.value(2).toString();
        e.advertiserId = q.value(3).toString();
        e.objectKind = q.value(4).toString();
        e.objectId = q.value(5).toString();
        e.action = q.value(6).toString();
        e.version = q.value(7).toInt();
        e.before = q.value(8).toString();
        e.after = q.value(9).toString();
        out.append(e);
    }
    return out;
}

Result<QList<SyncRun>> AudienceSyncState::history(qint64 destinationId, int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, destination_id, segment_id, started_at, finished_at, state, planned_adds, "
                             "planned_removes, added, removed, rejected, failed_batches, message FROM sync_runs "
                             "WHERE destination_id = ? ORDER BY id DESC LIMIT ?"));
    if (!exec(q, {destinationId, limit}))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<SyncRun> out;
    while (q.next()) {
        SyncRun r;
        r.id = q.value(0).toLongLong();
        r.destinationId = q.value(1).toLongLong();
        r.segmentId = q.value(2).toString();
        r.startedAt = fromIso(q.value(3));
        r.finishedAt = fromIso(q.value(4));
        r.state = parseSyncRunState(q.value(5).toString()).value_or(SyncRunState::Failed);
        r.plannedAdds = q.value(6).toInt();
        r.plannedRemoves = q.value(7).toInt();
        r.added = q.value(8).toInt();
        r.removed = q.value(9).toInt();
        r.rejected = q.value(10).toInt();
        r.failedBatches = q.value(11).toInt();
        r.message = q.value(12).toString();
        out.append(r);
    }
    return out;
}

Result<QList<SyncBatchRecord>> AudienceSyncState::journal(qint64 runId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT seq, operation, rows, accepted, rejected, state, session_id, batch_seq, request_id, "
                             "message, at FROM sync_journal WHERE run_id = ? ORDER BY seq"));
    if (!exec(q, {runId}))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<SyncBatchRecord> out;
    while (q.next()) {
        SyncBatchRecord b;
        b.sequence = q.value(0).toInt();
        b.operation = q.value(1).toString() == QLatin1String("remove") ? AudienceOperation::Remove : AudienceOperation::Add;
        b.rows = q.value(2).toInt();
        b.accepted = q.value(3).toInt();
        b.rejected = q.value(4).toInt();
        b.state = q.value(5).toString();
        b.sessionId = q.value(6).toLongLong();
        b.batchSequence = q.value(7).toInt();
        b.requestId = q.value(8).toString();
        b.message = q.value(9).toString();
        b.at = fromIso(q.value(10));
        out.append(b);
    }
    return out;
}

} // namespace core
