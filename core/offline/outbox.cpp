#include "offline/outbox.h"

#include "domain/experiment_json.h"
#include "domain/segment_json.h"
#include "settings/app_paths.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <functional>

namespace core {

namespace {

constexpr int kSchemaVersion = 3;

// Version 1: the changes and the segment list's cache.
const char* const kSchema[] = {
    "CREATE TABLE changes ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " change_key TEXT NOT NULL UNIQUE,"
    " workspace TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " segment_id TEXT NOT NULL,"
    " base_version INTEGER NOT NULL,"
    " chained INTEGER NOT NULL DEFAULT 0,"
    " payload TEXT NOT NULL,"
    " base TEXT,"
    " user_name TEXT NOT NULL,"
    " queued_at TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " statement_id TEXT,"
    " last_error TEXT,"
    " theirs TEXT)",
    "CREATE INDEX changes_by_segment ON changes (workspace, segment_id, id)",
    "CREATE TABLE cached_segments ("
    " workspace TEXT NOT NULL,"
    " segment_id TEXT NOT NULL,"
    " segment TEXT NOT NULL,"
    " PRIMARY KEY (workspace, segment_id))",
    "CREATE TABLE cached_advertisers ("
    " workspace TEXT NOT NULL,"
    " advertiser_id TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " currency TEXT NOT NULL," // ISO 4217: offline, money is still shown in its currency
    " PRIMARY KEY (workspace, advertiser_id))",
    "CREATE TABLE cache_times (workspace TEXT PRIMARY KEY, listed_at TEXT NOT NULL)",
};

// Version 2: each segment's daily metrics as last read whole, with the time of that read.
const char* const kSchemaV2[] = {
    "CREATE TABLE cached_metrics ("
    " workspace TEXT NOT NULL,"
    " segment_id TEXT NOT NULL,"
    " days TEXT NOT NULL," // JSON: [[\"2026-03-01\", impressions, clicks, conversions, unique users, spend micros], ...]
    " read_at TEXT NOT NULL,"
    " PRIMARY KEY (workspace, segment_id))",
};

// Version 3: experiment changes beside segment changes (subject; for them segment_id holds the
// experiment's id and payload, base and theirs its JSON), and the experiments' read cache.
const char* const kSchemaV3[] = {
    "ALTER TABLE changes ADD COLUMN subject TEXT NOT NULL DEFAULT 'segment'",
    "CREATE TABLE cached_experiments ("
    " workspace TEXT NOT NULL,"
    " experiment_id TEXT NOT NULL,"
    " experiment TEXT NOT NULL,"
    " PRIMARY KEY (workspace, experiment_id))",
    // scope: "*", "advertiser:<id>" or "segment:<id>" (the listings the app makes: by segment)
    "CREATE TABLE experiment_cache_times ("
    " workspace TEXT NOT NULL,"
    " scope TEXT NOT NULL,"
    " listed_at TEXT NOT NULL,"
    " PRIMARY KEY (workspace, scope))",
};

const QString kSegmentSubject = QStringLiteral("segment");
const QString kExperimentSubject = QStringLiteral("experiment");

QString metricsText(const QList<DailyMetrics>& days)
{
    QJsonArray out;
    for (const DailyMetrics& d : days)
        out.append(QJsonArray{d.day.toString(Qt::ISODate), d.impressions, d.clicks, d.conversions, d.uniqueUsers,
                              d.spendMicros});
    return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

Result<QList<DailyMetrics>> metricsFrom(const QString& text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray())
        return Error::parse(QStringLiteral("The cached metrics in the outbox are damaged."), text.left(80));
    QList<DailyMetrics> out;
    for (const QJsonValue& v : doc.array()) {
        const QJsonArray row = v.toArray();
        DailyMetrics d;
        d.day = QDate::fromString(row.at(0).toString(), Qt::ISODate);
        if (row.size() != 6 || !d.day.isValid())
            return Error::parse(QStringLiteral("The cached metrics in the outbox are damaged."), text.left(80));
        d.impressions = row.at(1).toInteger();
        d.clicks = row.at(2).toInteger();
        d.conversions = row.at(3).toInteger();
        d.uniqueUsers = row.at(4).toInteger();
        d.spendMicros = row.at(5).toInteger();
        out.append(d);
    }
    return out;
}

Error sqlError(const QString& what, const QSqlError& error)
{
    return Error::storage(QStringLiteral("The outbox of offline changes could not be %1.").arg(what), error.text(),
                          QStringLiteral("Check that the app's data folder is writable and not full."));
}

bool exec(QSqlQuery& q, const QVariantList& values)
{
    for (const QVariant& v : values)
        q.addBindValue(v);
    return q.exec();
}

// Runs `write` (false: a statement failed, its error in the query) in one transaction of `db`:
// committed when it returns true, rolled back with the error otherwise.
Status inTransaction(QSqlDatabase& db, const std::function<bool(QSqlQuery&)>& write)
{
    if (!db.transaction())
        return sqlError(QStringLiteral("written"), db.lastError());
    QSqlQuery q(db);
    if (!write(q)) {
        const Error e = sqlError(QStringLiteral("written"), q.lastError());
        db.rollback();
        return e;
    }
    if (!db.commit()) {
        const Error e = sqlError(QStringLiteral("written"), db.lastError());
        db.rollback();
        return e;
    }
    return success();
}

// The JSON text of a segment or an experiment as the outbox keeps it (SegmentJson, ExperimentJson).
QString jsonText(const Segment& segment) { return QString::fromUtf8(QJsonDocument(SegmentJson::toJson(segment)).toJson(QJsonDocument::Compact)); }
QString jsonText(const Experiment& experiment)
{
    return QString::fromUtf8(QJsonDocument(ExperimentJson::toJson(experiment)).toJson(QJsonDocument::Compact));
}

QString segmentText(const Segment& segment) { return jsonText(segment); }
QString experimentText(const Experiment& experiment) { return jsonText(experiment); }

// Reads what jsonText wrote with `parse` (SegmentJson::fromJson, ExperimentJson::fromJson).
template <typename T>
Result<T> objectFrom(const QString& text, Result<T> (*parse)(const QJsonObject&))
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject())
        return Error::parse(QStringLiteral("A change in the outbox is damaged."), text.left(80));
    return parse(doc.object());
}

Result<Segment> segmentFrom(const QString& text) { return objectFrom<Segment>(text, &SegmentJson::fromJson); }
Result<Experiment> experimentFrom(const QString& text) { return objectFrom<Experiment>(text, &ExperimentJson::fromJson); }

template <typename T>
QVariant optionalText(const std::optional<T>& object)
{
    return object ? QVariant(jsonText(*object)) : QVariant(QMetaType(QMetaType::QString));
}

const char* const kColumns = "id, change_key, workspace, kind, segment_id, base_version, chained, payload, base, "
                             "user_name, queued_at, state, statement_id, last_error, theirs, subject";

// An experiment change's JSON columns (payload, base, theirs).
Result<OutboxExperimentChange> experimentChangeFrom(const QSqlQuery& q)
{
    OutboxExperimentChange e;
    auto payload = experimentFrom(q.value(7).toString());
    if (!payload)
        return payload.error();
    e.payload = std::move(payload).value();
    for (const auto& [column, target] : {std::pair{8, &e.base}, std::pair{14, &e.theirs}}) {
        if (q.value(column).isNull())
            continue;
        auto seen = experimentFrom(q.value(column).toString());
        if (!seen)
            return seen.error();
        *target = std::move(seen).value();
    }
    return e;
}

Result<OutboxChange> changeFrom(const QSqlQuery& q)
{
    OutboxChange c;
    c.id = q.value(0).toLongLong();
    c.key = q.value(1).toString();
    c.workspace = q.value(2).toString();
    const auto kind = outboxChangeKindFromKey(q.value(3).toString());
    const auto state = outboxChangeStateFromKey(q.value(11).toString());
    if (!kind || !state)
        return Error::parse(QStringLiteral("A change in the outbox is damaged."),
                            QStringLiteral("change %1: kind %2, state %3")
                                .arg(c.id)
                                .arg(q.value(3).toString(), q.value(11).toString()));
    c.kind = *kind;
    c.state = *state;
    c.segmentId = q.value(4).toString();
    c.baseVersion = q.value(5).toInt();
    c.chained = q.value(6).toInt() != 0;
    c.user = q.value(9).toString();
    c.queuedAt = SegmentJson::parseTime(q.value(10).toString());
    c.statementId = q.value(12).toString();
    c.lastError = q.value(13).toString();
    if (q.value(15).toString() == kExperimentSubject) {
        auto experiment = experimentChangeFrom(q);
        if (!experiment)
            return experiment.error();
        c.experiment = std::move(experiment).value();
        c.segmentId = c.experiment->payload.segmentId; // the column holds the experiment's id
        return c;
    }
    auto payload = segmentFrom(q.value(7).toString());
    if (!payload)
        return payload.error();
    c.payload = std::move(payload).value();
    if (!q.value(8).isNull()) {
        auto base = segmentFrom(q.value(8).toString());
        if (!base)
            return base.error();
        c.base = std::move(base).value();
    }
    if (!q.value(14).isNull()) {
        auto theirs = segmentFrom(q.value(14).toString());
        if (!theirs)
            return theirs.error();
        c.theirs = std::move(theirs).value();
    }
    return c;
}

} // namespace

QString outboxChangeKindKey(OutboxChangeKind kind)
{
    switch (kind) {
    case OutboxChangeKind::Create: return QStringLiteral("create");
    case OutboxChangeKind::Update: return QStringLiteral("update");
    case OutboxChangeKind::Delete: return QStringLiteral("delete");
    case OutboxChangeKind::Restore: return QStringLiteral("restore");
    case OutboxChangeKind::Stop: return QStringLiteral("stop");
    }
    return {};
}

std::optional<OutboxChangeKind> outboxChangeKindFromKey(const QString& key)
{
    for (auto k : {OutboxChangeKind::Create, OutboxChangeKind::Update, OutboxChangeKind::Delete, OutboxChangeKind::Restore,
                   OutboxChangeKind::Stop})
        if (outboxChangeKindKey(k) == key)
            return k;
    return std::nullopt;
}

QString outboxChangeStateKey(OutboxChangeState state)
{
    switch (state) {
    case OutboxChangeState::Waiting: return QStringLiteral("waiting");
    case OutboxChangeState::Sending: return QStringLiteral("sending");
    case OutboxChangeState::Conflict: return QStringLiteral("conflict");
    case OutboxChangeState::Refused: return QStringLiteral("refused");
    }
    return {};
}

std::optional<OutboxChangeState> outboxChangeStateFromKey(const QString& key)
{
    for (auto s : {OutboxChangeState::Waiting, OutboxChangeState::Sending, OutboxChangeState::Conflict,
                   OutboxChangeState::Refused})
        if (outboxChangeStateKey(s) == key)
            return s;
    return std::nullopt;
}

Segment OutboxChange::expected() const
{
    Segment s = payload;
    s.id = segmentId;
    s.version = baseVersion + 1;
    s.updatedBy = user;
    s.updatedAt = queuedAt;
    s.definitionHash = s.definition.hash();
    if (kind == OutboxChangeKind::Create) {
        s.createdBy = user;
        s.createdAt = queuedAt;
        s.deletedAt = {};
    } else if (kind == OutboxChangeKind::Delete) {
        s.deletedAt = queuedAt;
    } else if (kind == OutboxChangeKind::Restore) {
        s.deletedAt = {};
    }
    return s;
}

Experiment OutboxChange::expectedExperiment() const
{
    if (!experiment)
        return {};
    Experiment e = experiment->payload;
    e.version = baseVersion + 1;
    e.updatedBy = user;
    e.updatedAt = queuedAt;
    if (kind == OutboxChangeKind::Create) {
        e.createdBy = user;
        e.createdAt = queuedAt;
    } else if (kind == OutboxChangeKind::Stop) {
        e.status = ExperimentStatus::Stopped;
        const QDate today = queuedAt.isValid() ? queuedAt.toUTC().date() : QDate();
        if (today.isValid() && (!e.endDate.isValid() || e.endDate > today))
            e.endDate = today;
    }
    return e;
}

QString OutboxChange::describe() const
{
    if (experiment) {
        const QString name = experiment->payload.name.isEmpty() ? experiment->payload.id : experiment->payload.name;
        if (kind == OutboxChangeKind::Create)
            return QStringLiteral("create experiment “%1”").arg(name);
        return QStringLiteral("%1 experiment “%2” (from v%3)").arg(outboxChangeKindKey(kind), name).arg(baseVersion);
    }
    const QString name = payload.name.isEmpty() ? segmentId : payload.name;
    if (kind == OutboxChangeKind::Create)
        return QStringLiteral("create “%1”").arg(name);
    return QStringLiteral("%1 “%2” (from v%3)").arg(outboxChangeKindKey(kind), name).arg(baseVersion);
}

QString Outbox::defaultPath() { return QDir(AppPaths::dataDir()).filePath(QStringLiteral("outbox.sqlite")); }

Outbox::Outbox(QString path, QString connection) : m_path(std::move(path)), m_connection(std::move(connection)) {}

Outbox::~Outbox()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<Outbox>> Outbox::open(const QString& path)
{
    static QAtomicInt counter;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error::io(QStringLiteral("The folder of the outbox could not be created."), info.absolutePath());
    const QString connection = QStringLiteral("outbox-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<Outbox> outbox(new Outbox(info.absoluteFilePath(), connection));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(info.absoluteFilePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return Error::storage(QStringLiteral("The outbox of offline changes could not be opened."),
                                  db.lastError().text(),
                                  QStringLiteral("Check that %1 is readable and writable.").arg(info.absoluteFilePath()));
    }
    if (Status ok = outbox->migrate(); !ok)
        return ok.error();
    return outbox;
}

Status Outbox::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"}) {
        if (!q.exec(QLatin1String(pragma)))
            return sqlError(QStringLiteral("opened"), q.lastError());
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(QStringLiteral("opened"), q.lastError());
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return Error::storage(QStringLiteral("The outbox was written by a newer version of the app."),
                              QStringLiteral("user_version %1 > %2").arg(version).arg(kSchemaVersion),
                              QStringLiteral("Update the app."));
    if (version == kSchemaVersion)
        return success();
    if (!db.transaction())
        return sqlError(QStringLiteral("created"), db.lastError());
    QList<const char*> statements;
    if (version < 1)
        statements += QList<const char*>(std::begin(kSchema), std::end(kSchema));
    if (version < 2)
        statements += QList<const char*>(std::begin(kSchemaV2), std::end(kSchemaV2));
    if (version < 3)
        statements += QList<const char*>(std::begin(kSchemaV3), std::end(kSchemaV3));
    for (const char* statement : statements) {
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

Result<OutboxChange> Outbox::enqueue(OutboxChange change)
{
    auto stored = insert(std::move(change), OutboxChangeState::Waiting);
    if (!stored)
        return stored;
    emit changed();
    emit queued(stored.value().id);
    return stored;
}

Result<OutboxChange> Outbox::journal(OutboxChange change)
{
    auto stored = insert(std::move(change), OutboxChangeState::Sending);
    if (stored)
        m_inFlight.insert(stored.value().id);
    return stored;
}

Status Outbox::park(qint64 id, const QString& why)
{
    m_inFlight.remove(id);
    if (Status s = markWaiting(id, why); !s)
        return s;
    emit queued(id);
    return success();
}

Result<OutboxChange> Outbox::insert(OutboxChange change, OutboxChangeState state)
{
    if (change.workspace.isEmpty() || change.subjectId().isEmpty() || change.user.isEmpty())
        return Error::internal(QStringLiteral("outbox change without workspace, subject or user"));
    if (change.key.isEmpty())
        change.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!change.queuedAt.isValid())
        change.queuedAt = QDateTime::currentDateTimeUtc();
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM changes WHERE workspace = ? AND segment_id = ?"));
    if (!exec(q, {change.workspace, change.subjectId()}) || !q.next())
        return sqlError(QStringLiteral("read"), q.lastError());
    change.chained = q.value(0).toInt() > 0;
    change.state = state;
    q.prepare(QStringLiteral("INSERT INTO changes (change_key, workspace, kind, segment_id, base_version, chained, "
                             "payload, base, user_name, queued_at, state, subject) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const bool experiment = change.isExperiment();
    if (!exec(q, {change.key, change.workspace, outboxChangeKindKey(change.kind), change.subjectId(), change.baseVersion,
                  change.chained ? 1 : 0,
                  experiment ? experimentText(change.experiment->payload) : segmentText(change.payload),
                  experiment ? optionalText(change.experiment->base) : optionalText(change.base), change.user,
                  SegmentJson::formatTime(change.queuedAt), outboxChangeStateKey(change.state),
                  experiment ? kExperimentSubject : kSegmentSubject}))
        return sqlError(QStringLiteral("written"), q.lastError());
    change.id = q.lastInsertId().toLongLong();
    return change;
}

Result<QList<OutboxChange>> Outbox::pending(const QString& workspace) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT %1 FROM changes WHERE ? = '' OR workspace = ? ORDER BY id").arg(QLatin1String(kColumns)));
    if (!exec(q, {workspace, workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<OutboxChange> out;
    while (q.next()) {
        if (m_inFlight.contains(q.value(0).toLongLong()))
            continue;
        auto c = changeFrom(q);
        if (!c)
            return c.error();
        out.append(std::move(c).value());
    }
    return out;
}

Result<std::optional<OutboxChange>> Outbox::find(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT %1 FROM changes WHERE id = ?").arg(QLatin1String(kColumns)));
    if (!exec(q, {id}))
        return sqlError(QStringLiteral("read"), q.lastError());
    if (!q.next())
        return std::optional<OutboxChange>();
    auto c = changeFrom(q);
    if (!c)
        return c.error();
    return std::optional<OutboxChange>(std::move(c).value());
}

Result<int> Outbox::count(const QString& workspace) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id FROM changes WHERE ? = '' OR workspace = ?"));
    if (!exec(q, {workspace, workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    int n = 0;
    while (q.next())
        n += m_inFlight.contains(q.value(0).toLongLong()) ? 0 : 1;
    return n;
}

Status Outbox::markSending(qint64 id, const QString& statementId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE changes SET state = ?, statement_id = ? WHERE id = ?"));
    if (!exec(q, {outboxChangeStateKey(OutboxChangeState::Sending),
                  statementId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(statementId), id}))
        return sqlError(QStringLiteral("written"), q.lastError());
    if (!m_inFlight.contains(id))
        emit changed();
    return success();
}

Status Outbox::markWaiting(qint64 id, const QString& why)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE changes SET state = ?, statement_id = NULL, last_error = ? WHERE id = ?"));
    if (!exec(q, {outboxChangeStateKey(OutboxChangeState::Waiting), why, id}))
        return sqlError(QStringLiteral("written"), q.lastError());
    emit changed();
    return success();
}

Status Outbox::markConflict(qint64 id, const Segment& theirs, const QString& why)
{
    return markConflictWith(id, segmentText(theirs), why);
}

Status Outbox::markConflict(qint64 id, const Experiment& theirs, const QString& why)
{
    return markConflictWith(id, experimentText(theirs), why);
}

Status Outbox::markConflictWith(qint64 id, const QString& theirs, const QString& why)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE changes SET state = ?, statement_id = NULL, last_error = ?, theirs = ? WHERE id = ?"));
    if (!exec(q, {outboxChangeStateKey(OutboxChangeState::Conflict), why, theirs, id}))
        return sqlError(QStringLiteral("written"), q.lastError());
    emit changed();
    return success();
}

Status Outbox::markRefused(qint64 id, const QString& why)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE changes SET state = ?, statement_id = NULL, last_error = ? WHERE id = ?"));
    if (!exec(q, {outboxChangeStateKey(OutboxChangeState::Refused), why, id}))
        return sqlError(QStringLiteral("written"), q.lastError());
    emit changed();
    return success();
}

Status Outbox::remove(qint64 id, int resultVersion)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("written"), db.lastError());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT workspace, segment_id FROM changes WHERE id = ?"));
    if (!exec(q, {id})) {
        db.rollback();
        return sqlError(QStringLiteral("read"), q.lastError());
    }
    if (q.next() && resultVersion > 0) {
        const QString workspace = q.value(0).toString();
        const QString segment = q.value(1).toString();
        // The next change of the same segment was made on top of this one: it now starts from
        // the version this one produced.
        QSqlQuery next(db);
        next.prepare(QStringLiteral("UPDATE changes SET base_version = ? WHERE id = (SELECT min(id) FROM changes "
                                    "WHERE workspace = ? AND segment_id = ? AND id > ?) AND chained = 1"));
        if (!exec(next, {resultVersion, workspace, segment, id})) {
            db.rollback();
            return sqlError(QStringLiteral("written"), next.lastError());
        }
    }
    q.prepare(QStringLiteral("DELETE FROM changes WHERE id = ?"));
    if (!exec(q, {id}) || !db.commit()) {
        const Error e = sqlError(QStringLiteral("written"), q.lastError());
        db.rollback();
        return e;
    }
    const bool wasInFlight = m_inFlight.remove(id);
    if (!wasInFlight)
        emit changed();
    return success();
}

Status Outbox::rebase(qint64 id, const Segment& payload, int baseVersion)
{
    return rebaseWith(id, segmentText(payload), baseVersion);
}

Status Outbox::rebase(qint64 id, const Experiment& payload, int baseVersion)
{
    return rebaseWith(id, experimentText(payload), baseVersion);
}

Status Outbox::rebaseWith(qint64 id, const QString& payload, int baseVersion)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE changes SET payload = ?, base_version = ?, state = ?, theirs = NULL, "
                             "last_error = NULL WHERE id = ?"));
    if (!exec(q, {payload, baseVersion, outboxChangeStateKey(OutboxChangeState::Waiting), id}))
        return sqlError(QStringLiteral("written"), q.lastError());
    emit changed();
    return success();
}

Status Outbox::cacheMetrics(const QString& workspace, const QList<SegmentDailyMetrics>& series)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString now = SegmentJson::formatTime(QDateTime::currentDateTimeUtc());
    return inTransaction(db, [&](QSqlQuery& q) {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO cached_metrics (workspace, segment_id, days, read_at) VALUES (?, ?, ?, ?)"));
        for (const SegmentDailyMetrics& s : series)
            if (!exec(q, {workspace, s.segmentId, metricsText(s.days), now}))
                return false;
        return true;
    });
}

Result<std::optional<CachedMetrics>> Outbox::cachedMetrics(const QString& workspace, const QString& segmentId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT days, read_at FROM cached_metrics WHERE workspace = ? AND segment_id = ?"));
    if (!exec(q, {workspace, segmentId}))
        return sqlError(QStringLiteral("read"), q.lastError());
    if (!q.next())
        return std::optional<CachedMetrics>();
    auto days = metricsFrom(q.value(0).toString());
    if (!days)
        return days.error();
    return std::optional<CachedMetrics>(CachedMetrics{std::move(days).value(), SegmentJson::parseTime(q.value(1).toString())});
}

Status Outbox::cacheSegments(const QString& workspace, const QList<Segment>& segments, bool complete)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return inTransaction(db, [&](QSqlQuery& q) {
        q.prepare(QStringLiteral("INSERT INTO cached_segments (workspace, segment_id, segment) VALUES (?, ?, ?) "
                                 "ON CONFLICT (workspace, segment_id) DO UPDATE SET segment = excluded.segment"));
        for (const Segment& s : segments)
            if (!exec(q, {workspace, s.id, segmentText(s)}))
                return false;
        if (!complete)
            return true;
        q.prepare(QStringLiteral("INSERT INTO cache_times (workspace, listed_at) VALUES (?, ?) "
                                 "ON CONFLICT (workspace) DO UPDATE SET listed_at = excluded.listed_at"));
        return exec(q, {workspace, SegmentJson::formatTime(QDateTime::currentDateTimeUtc())});
    });
}

Status Outbox::cacheAdvertisers(const QString& workspace, const QList<Advertiser>& advertisers)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return inTransaction(db, [&](QSqlQuery& q) {
        q.prepare(QStringLiteral("DELETE FROM cached_advertisers WHERE workspace = ?"));
        if (!exec(q, {workspace}))
            return false;
        q.prepare(QStringLiteral("INSERT INTO cached_advertisers (workspace, advertiser_id, name, currency) VALUES (?, ?, ?, ?)"));
        for (const Advertiser& a : advertisers)
            if (!exec(q, {workspace, a.id, a.name, a.currency}))
                return false;
        return true;
    });
}

Result<CachedSegments> Outbox::cached(const QString& workspace) const
{
    CachedSegments out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT segment FROM cached_segments WHERE workspace = ?"));
    if (!exec(q, {workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    while (q.next()) {
        auto s = segmentFrom(q.value(0).toString());
        if (!s)
            return s.error();
        out.segments.append(std::move(s).value());
    }
    q.prepare(QStringLiteral("SELECT advertiser_id, name, currency FROM cached_advertisers WHERE workspace = ? ORDER BY name"));
    if (!exec(q, {workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    while (q.next()) {
        Advertiser a{q.value(0).toString(), q.value(1).toString()};
        a.currency = q.value(2).toString();
        out.advertisers.append(std::move(a));
    }
    q.prepare(QStringLiteral("SELECT listed_at FROM cache_times WHERE workspace = ?"));
    if (!exec(q, {workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    if (q.next())
        out.asOf = SegmentJson::parseTime(q.value(0).toString());
    return out;
}

Status Outbox::cacheExperiments(const QString& workspace, const QList<Experiment>& experiments,
                                const QString& completeScope)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return inTransaction(db, [&](QSqlQuery& q) {
        // A whole listing of a scope: what was kept in it and is not in the listing is gone (an
        // experiment moved to another segment, say).
        if (completeScope == QLatin1String("*")) {
            q.prepare(QStringLiteral("DELETE FROM cached_experiments WHERE workspace = ?"));
            if (!exec(q, {workspace}))
                return false;
        } else if (const qsizetype colon = completeScope.indexOf(QLatin1Char(':')); colon > 0) {
            const QString field = completeScope.left(colon) == QLatin1String("advertiser") ? QStringLiteral("$.advertiser_id")
                                                                                           : QStringLiteral("$.segment_id");
            q.prepare(QStringLiteral("DELETE FROM cached_experiments WHERE workspace = ? AND json_extract(experiment, ?) = ?"));
            if (!exec(q, {workspace, field, completeScope.mid(colon + 1)}))
                return false;
        }
        q.prepare(QStringLiteral("INSERT INTO cached_experiments (workspace, experiment_id, experiment) VALUES (?, ?, ?) "
                                 "ON CONFLICT (workspace, experiment_id) DO UPDATE SET experiment = excluded.experiment"));
        for (const Experiment& e : experiments)
            if (!exec(q, {workspace, e.id, experimentText(e)}))
                return false;
        if (completeScope.isEmpty())
            return true;
        q.prepare(QStringLiteral("INSERT INTO experiment_cache_times (workspace, scope, listed_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT (workspace, scope) DO UPDATE SET listed_at = excluded.listed_at"));
        return exec(q, {workspace, completeScope, SegmentJson::formatTime(QDateTime::currentDateTimeUtc())});
    });
}

Result<QList<Experiment>> Outbox::cachedExperiments(const QString& workspace) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT experiment FROM cached_experiments WHERE workspace = ?"));
    if (!exec(q, {workspace}))
        return sqlError(QStringLiteral("read"), q.lastError());
    QList<Experiment> out;
    while (q.next()) {
        auto e = experimentFrom(q.value(0).toString());
        if (!e)
            return e.error();
        out.append(std::move(e).value());
    }
    return out;
}

Result<QDateTime> Outbox::experimentsListedAt(const QString& workspace, const QString& scope) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT listed_at FROM experiment_cache_times WHERE workspace = ? AND scope = ?"));
    if (!exec(q, {workspace, scope}))
        return sqlError(QStringLiteral("read"), q.lastError());
    if (!q.next())
        return QDateTime();
    return SegmentJson::parseTime(q.value(0).toString());
}

} // namespace core
