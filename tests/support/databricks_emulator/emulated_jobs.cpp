#include "emulated_jobs.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

namespace emulator {

namespace {

HttpResponse invalid(const QString& message)
{
    return apiError(400, QStringLiteral("INVALID_PARAMETER_VALUE"), message);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

EmulatedJobs::EmulatedJobs(RunSql runSql, ReadWorkspaceFile readFile)
    : m_runSql(std::move(runSql)), m_readFile(std::move(readFile))
{
}

std::optional<QString> EmulatedJobs::invalidSettings(const QJsonObject& settings)
{
    if (settings.contains(QStringLiteral("name")) && !settings.value(QStringLiteral("name")).isString())
        return QStringLiteral("name must be a string.");
    const QJsonArray tasks = settings.value(QStringLiteral("tasks")).toArray();
    if (tasks.isEmpty())
        return QStringLiteral("A job needs at least one task.");
    QSet<QString> keys;
    for (const QJsonValue& v : tasks) {
        const QJsonObject task = v.toObject();
        const QString key = task.value(QStringLiteral("task_key")).toString();
        if (key.isEmpty())
            return QStringLiteral("Every task needs a task_key.");
        if (keys.contains(key))
            return QStringLiteral("Duplicate task_key '%1'.").arg(key);
        keys.insert(key);
        for (const QJsonValue& d : task.value(QStringLiteral("depends_on")).toArray()) {
            if (!keys.contains(d.toObject().value(QStringLiteral("task_key")).toString()))
                return QStringLiteral("Task '%1' depends on a task defined after it or not at all.").arg(key);
        }
        const QJsonObject sql = task.value(QStringLiteral("sql_task")).toObject();
        if (sql.isEmpty())
            return QStringLiteral("Task '%1': the emulator supports sql_task only.").arg(key);
        if (sql.value(QStringLiteral("warehouse_id")).toString().isEmpty())
            return QStringLiteral("Task '%1': sql_task.warehouse_id is required.").arg(key);
        const QJsonObject file = sql.value(QStringLiteral("file")).toObject();
        const QString path = file.value(QStringLiteral("path")).toString();
        if (!path.startsWith(QLatin1Char('/')))
            return QStringLiteral("Task '%1': sql_task.file.path must be an absolute workspace path.")
                .arg(key);
        const QString source = file.value(QStringLiteral("source")).toString(QStringLiteral("WORKSPACE"));
        if (source != QLatin1String("WORKSPACE"))
            return QStringLiteral("Task '%1': the emulator supports WORKSPACE files only.").arg(key);
    }
    if (settings.contains(QStringLiteral("schedule"))) {
        const QJsonObject schedule = settings.value(QStringLiteral("schedule")).toObject();
        const QString cron = schedule.value(QStringLiteral("quartz_cron_expression")).toString();
        const QStringList fields = cron.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (fields.size() < 6 || fields.size() > 7)
            return QStringLiteral("Invalid Quartz cron expression '%1': 6 or 7 fields expected.").arg(cron);
        if ((fields.at(3) == QLatin1String("?")) == (fields.at(5) == QLatin1String("?")))
            return QStringLiteral(
                       "Invalid Quartz cron expression '%1': exactly one of day-of-month and day-of-week "
                       "must be '?'.")
                .arg(cron);
        const QString zone = schedule.value(QStringLiteral("timezone_id")).toString();
        if (zone.isEmpty() || !QTimeZone(zone.toUtf8()).isValid())
            return QStringLiteral("Invalid timezone_id '%1'.").arg(zone);
        const QString pause =
            schedule.value(QStringLiteral("pause_status")).toString(QStringLiteral("UNPAUSED"));
        if (pause != QLatin1String("PAUSED") && pause != QLatin1String("UNPAUSED"))
            return QStringLiteral("Invalid pause_status '%1'.").arg(pause);
    }
    return std::nullopt;
}

std::optional<qint64> EmulatedJobs::jobIdOf(const QJsonObject& body, HttpResponse* error) const
{
    const QJsonValue v = body.value(QStringLiteral("job_id"));
    const qint64 id = v.isString() ? v.toString().toLongLong() : v.toInteger(-1);
    if (!m_jobs.contains(id)) {
        *error = invalid(QStringLiteral("Job %1 does not exist.").arg(id));
        return std::nullopt;
    }
    return id;
}

HttpResponse EmulatedJobs::withJob(const QByteArray& body,
                                   const std::function<HttpResponse(qint64, const QJsonObject&)>& handle)
{
    HttpResponse error;
    const auto json = jsonBody(body, &error);
    if (!json)
        return error;
    const auto id = jobIdOf(*json, &error);
    if (!id)
        return error;
    return handle(*id, *json);
}

QJsonObject EmulatedJobs::jobJson(const Job& job, bool withTasks) const
{
    QJsonObject settings = job.settings;
    if (!withTasks)
        settings.remove(QStringLiteral("tasks"));
    return QJsonObject{{QStringLiteral("job_id"), job.id},
                       {QStringLiteral("creator_user_name"), job.creator},
                       {QStringLiteral("run_as_user_name"), job.creator},
                       {QStringLiteral("created_time"), job.createdTime},
                       {QStringLiteral("settings"), settings}};
}

HttpResponse EmulatedJobs::create(const QString& principal, const QByteArray& body)
{
    HttpResponse error;
    auto settings = jsonBody(body, &error);
    if (!settings)
        return error;
    if (auto why = invalidSettings(*settings))
        return invalid(*why);
    Job job;
    job.id = m_nextJobId++;
    job.creator = principal;
    job.createdTime = nowMs();
    job.settings = *settings;
    m_jobs.insert(job.id, job);
    return jsonResponse(200, QJsonObject{{QStringLiteral("job_id"), job.id}});
}

HttpResponse EmulatedJobs::list(const QUrlQuery& query) const
{
    const int limit = query.hasQueryItem(QStringLiteral("limit"))
                          ? query.queryItemValue(QStringLiteral("limit")).toInt()
                          : 20;
    if (limit < 1 || limit > 100)
        return invalid(QStringLiteral("limit must be between 1 and 100."));
    const qsizetype offset = query.queryItemValue(QStringLiteral("page_token")).toLongLong();
    const QString name = query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
    const bool expand = query.queryItemValue(QStringLiteral("expand_tasks")) == QLatin1String("true");
    QList<qint64> ids = m_jobs.keys();
    std::sort(ids.begin(), ids.end());
    QJsonArray jobs;
    qsizetype matched = 0;
    bool more = false;
    for (qint64 id : ids) {
        const Job& job = m_jobs[id];
        if (!name.isEmpty() &&
            job.settings.value(QStringLiteral("name")).toString().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (matched++ < offset)
            continue;
        if (jobs.size() == limit) {
            more = true;
            break;
        }
        jobs.append(jobJson(job, expand));
    }
    QJsonObject out{{QStringLiteral("has_more"), more}};
    if (!jobs.isEmpty())
        out.insert(QStringLiteral("jobs"), jobs);
    if (more)
        out.insert(QStringLiteral("next_page_token"), QString::number(offset + limit));
    return jsonResponse(200, out);
}

HttpResponse EmulatedJobs::get(const QUrlQuery& query) const
{
    HttpResponse error;
    const auto id = jobIdOf(
        QJsonObject{{QStringLiteral("job_id"), query.queryItemValue(QStringLiteral("job_id"))}}, &error);
    if (!id)
        return error;
    return jsonResponse(200, jobJson(m_jobs[*id], true));
}

HttpResponse EmulatedJobs::reset(const QByteArray& body)
{
    return withJob(body, [&](qint64 id, const QJsonObject& json) {
        const QJsonObject settings = json.value(QStringLiteral("new_settings")).toObject();
        if (auto why = invalidSettings(settings))
            return invalid(*why);
        m_jobs[id].settings = settings;
        return jsonResponse(200, {});
    });
}

HttpResponse EmulatedJobs::update(const QByteArray& body)
{
    return withJob(body, [&](qint64 id, const QJsonObject& json) {
        QJsonObject settings = m_jobs[id].settings;
        const QJsonObject changes = json.value(QStringLiteral("new_settings")).toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it)
            settings.insert(it.key(), it.value());
        for (const QJsonValue& field : json.value(QStringLiteral("fields_to_remove")).toArray())
            settings.remove(field.toString());
        if (auto why = invalidSettings(settings))
            return invalid(*why);
        m_jobs[id].settings = settings;
        return jsonResponse(200, {});
    });
}

HttpResponse EmulatedJobs::runNow(const QByteArray& body)
{
    return withJob(body, [&](qint64 id, const QJsonObject&) {
        const Job& job = m_jobs[id];
        const qint64 runId = m_nextRunId++;
        const qint64 start = nowMs();
        QString failure;
        for (const QJsonValue& v : job.settings.value(QStringLiteral("tasks")).toArray()) {
            const QJsonObject sql = v.toObject().value(QStringLiteral("sql_task")).toObject();
            const QString path =
                sql.value(QStringLiteral("file")).toObject().value(QStringLiteral("path")).toString();
            const auto file = m_readFile(path);
            if (!file) {
                failure = QStringLiteral("Task %1 failed: the file %2 does not exist.")
                              .arg(v.toObject().value(QStringLiteral("task_key")).toString(), path);
                break;
            }
            for (const QString& statement : splitStatements(QString::fromUtf8(*file))) {
                failure =
                    m_runSql(statement, job.creator, sql.value(QStringLiteral("warehouse_id")).toString());
                if (!failure.isEmpty()) {
                    failure = QStringLiteral("Task %1 failed: %2")
                                  .arg(v.toObject().value(QStringLiteral("task_key")).toString(), failure);
                    break;
                }
            }
            if (!failure.isEmpty())
                break;
        }
        QJsonObject state{{QStringLiteral("life_cycle_state"), QStringLiteral("TERMINATED")},
                          {QStringLiteral("result_state"),
                           failure.isEmpty() ? QStringLiteral("SUCCESS") : QStringLiteral("FAILED")},
                          {QStringLiteral("state_message"), failure}};
        m_runs.insert(runId, QJsonObject{{QStringLiteral("run_id"), runId},
                                         {QStringLiteral("job_id"), id},
                                         {QStringLiteral("number_in_job"), runId},
                                         {QStringLiteral("trigger"), QStringLiteral("ONE_TIME")},
                                         {QStringLiteral("start_time"), start},
                                         {QStringLiteral("end_time"), nowMs()},
                                         {QStringLiteral("state"), state}});
        return jsonResponse(
            200, QJsonObject{{QStringLiteral("run_id"), runId}, {QStringLiteral("number_in_job"), runId}});
    });
}

HttpResponse EmulatedJobs::runsGet(const QUrlQuery& query) const
{
    const qint64 id = query.queryItemValue(QStringLiteral("run_id")).toLongLong();
    const auto it = m_runs.constFind(id);
    if (it == m_runs.cend())
        return invalid(QStringLiteral("Run %1 does not exist.").arg(id));
    return jsonResponse(200, it.value());
}

HttpResponse EmulatedJobs::remove(const QByteArray& body)
{
    return withJob(body, [&](qint64 id, const QJsonObject&) {
        m_jobs.remove(id);
        return jsonResponse(200, {});
    });
}

int EmulatedJobs::runCount(qint64 jobId) const
{
    int n = 0;
    for (const QJsonObject& run : m_runs)
        n += run.value(QStringLiteral("job_id")).toInteger() == jobId;
    return n;
}

QStringList EmulatedJobs::splitStatements(const QString& script)
{
    QStringList out;
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        if (!quote.isNull()) {
            current.append(c);
            if (c == QLatin1Char('\\') && quote != QLatin1Char('`') && i + 1 < script.size())
                current.append(script.at(++i));
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < script.size() && script.at(i + 1) == QLatin1Char('-')) {
            while (i < script.size() && script.at(i) != QLatin1Char('\n'))
                ++i;
            current.append(QLatin1Char('\n'));
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`'))
            quote = c;
        if (c == QLatin1Char(';')) {
            if (!current.trimmed().isEmpty())
                out.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    if (!current.trimmed().isEmpty())
        out.append(current.trimmed());
    return out;
}

} // namespace emulator
