#pragma once

// Jobs API 2.1 (2.2 accepted too) for scheduled SQL: create, list, get, reset, update, run-now,
// runs/get, delete, with the documented request and response shapes (reference §7). Only
// sql_task with a workspace file is supported; run-now runs the file's statements on the task's
// warehouse at once, as the job's creator, and the run ends TERMINATED with SUCCESS or FAILED
// (the first failing statement's message). Schedules are validated (Quartz cron with one of
// day-of-month / day-of-week '?', an existing time zone id) and stored, never triggered.

#include <functional>
#include <optional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include "emulator_http.h"

namespace emulator {

class EmulatedJobs
{
public:
    // Runs one statement; returns the error message, empty on success.
    using RunSql =
        std::function<QString(const QString& sql, const QString& principal, const QString& warehouseId)>;
    using ReadWorkspaceFile = std::function<std::optional<QByteArray>(const QString& path)>;

    EmulatedJobs(RunSql runSql, ReadWorkspaceFile readFile);

    HttpResponse create(const QString& principal, const QByteArray& body);
    HttpResponse list(const QUrlQuery& query) const;
    HttpResponse get(const QUrlQuery& query) const;
    HttpResponse reset(const QByteArray& body);
    HttpResponse update(const QByteArray& body);
    HttpResponse runNow(const QByteArray& body);
    HttpResponse runsGet(const QUrlQuery& query) const;
    HttpResponse remove(const QByteArray& body);

    int jobCount() const { return int(m_jobs.size()); }
    int runCount(qint64 jobId) const;

    // Statements of a SQL file: split at ';' outside literals, identifiers and comments.
    static QStringList splitStatements(const QString& script);

private:
    struct Job
    {
        qint64 id = 0;
        QString creator;
        qint64 createdTime = 0;
        QJsonObject settings;
    };
    RunSql m_runSql;
    ReadWorkspaceFile m_readFile;
    QHash<qint64, Job> m_jobs;
    QHash<qint64, QJsonObject> m_runs;
    qint64 m_nextJobId = 881001;
    qint64 m_nextRunId = 552001;

    static std::optional<QString> invalidSettings(const QJsonObject& settings);
    std::optional<qint64> jobIdOf(const QJsonObject& body, HttpResponse* error) const;
    // Runs handle for a body naming an existing job (else the error answer).
    HttpResponse withJob(const QByteArray& body,
                         const std::function<HttpResponse(qint64, const QJsonObject&)>& handle);
    QJsonObject jobJson(const Job& job, bool withTasks) const;
};

} // namespace emulator
