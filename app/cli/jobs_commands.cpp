#include "jobs_commands.h"

#include <optional>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include "command_context.h"
#include "backends/databricks/databricks_connection.h"
#include "backends/databricks/refresh_jobs.h"
#include "parsed_args.h"
#include "text_table.h"

namespace segctl {

namespace {

using Open = CommandContext::Open;

constexpr auto kPoll = std::chrono::milliseconds(2000);
constexpr auto kWaitAtMost = std::chrono::hours(2);

// The refresh jobs of the Databricks connection (its warehouse is checked like any store use).
core::Result<core::RefreshJobs*> refreshJobs(CommandContext& context)
{
    auto store = context.store(Open::ExistingOnly);
    if (!store)
        return store.error();
    auto connection = context.databricks();
    if (!connection)
        return connection.error();
    return connection.value()->refreshJobs();
}

// The JOB_ID argument; 0 (after a usage error) when it is not one.
qint64 jobId(CommandContext& context, const ParsedArgs& args, int* exitCode)
{
    bool ok = false;
    const qint64 id = args.positional(0).toLongLong(&ok);
    if (ok && id > 0)
        return id;
    *exitCode =
        context.usageError(QStringLiteral("JOB_ID is a job's number (see `segctl jobs list`), not “%1”")
                               .arg(args.positional(0)));
    return 0;
}

// The refresh jobs and the job the JOB_ID argument names; nullopt once the problem is reported.
struct JobTarget
{
    core::RefreshJobs* jobs = nullptr;
    qint64 id = 0;
};

std::optional<JobTarget> target(CommandContext& context, const ParsedArgs& args, int* exitCode)
{
    const qint64 id = jobId(context, args, exitCode);
    if (id == 0)
        return std::nullopt;
    auto jobs = refreshJobs(context);
    if (!jobs) {
        *exitCode = context.fail(jobs.error());
        return std::nullopt;
    }
    return JobTarget{jobs.value(), id};
}

QString describe(const core::RefreshJob& job)
{
    return job.schedule ? job.schedule->describe() : QStringLiteral("a schedule changed outside the app");
}

OptionSpec timeOption()
{
    return {
        QStringLiteral("time"), QStringLiteral("HH:MM"), QStringLiteral("time of day, 24-hour clock"), {}};
}

OptionSpec zoneOption(const QString& fallback)
{
    return {QStringLiteral("timezone"),
            QStringLiteral("ZONE"),
            QStringLiteral("IANA time zone (default: %1)").arg(fallback),
            {}};
}

// This computer's IANA time zone, or UTC where the system names one Qt does not list (Etc/UTC).
QString localTimeZone()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return QTimeZone::isTimeZoneIdAvailable(id) ? QString::fromUtf8(id) : QStringLiteral("UTC");
}

const PositionalSpec kJobId{QStringLiteral("JOB_ID"),
                            QStringLiteral("the job's number (`segctl jobs list`)")};

} // namespace

QList<CommandSpec> JobsCommands::specs()
{
    const QString about = QStringLiteral("The job runs a SQL file on the connection's warehouse that cleans "
                                         "new bronze batches into silver and "
                                         "recomputes the audience and every segment's daily metrics, like "
                                         "`segctl metrics refresh`. The file is "
                                         "written from the current segments when the job is created, changed "
                                         "or run from here: a segment saved "
                                         "later reaches the schedule at the next of these.");
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("jobs"), QStringLiteral("create")},
        QStringLiteral("Schedule the daily metrics refresh in Databricks"),
        QStringLiteral("Creates the Databricks job that refreshes this catalog.schema every day at --time in "
                       "--timezone. One job per schema (exit code 4 if there is one).\n") +
            about,
        {},
        {timeOption(),
         zoneOption(QStringLiteral("this computer's time zone")),
         {QStringLiteral("paused"), {}, QStringLiteral("create it paused"), {}}},
        {QStringLiteral("segctl --profile prod jobs create --time 06:30 --timezone Europe/Berlin")},
        &JobsCommands::create,
        CommandSpec::Backend::DatabricksOnly});
    out.append(CommandSpec{
        {QStringLiteral("jobs"), QStringLiteral("list")},
        QStringLiteral("List the scheduled refresh jobs"),
        QStringLiteral(
            "Lists the Segment Builder refresh jobs of the Databricks workspace, for every schema."),
        {},
        {{QStringLiteral("format"),
          QStringLiteral("FORMAT"),
          QStringLiteral("output format (default: table)"),
          {QStringLiteral("table"), QStringLiteral("json")}}},
        {QStringLiteral("segctl --profile prod jobs list")},
        &JobsCommands::list,
        CommandSpec::Backend::DatabricksOnly});
    out.append(CommandSpec{
        {QStringLiteral("jobs"), QStringLiteral("update")},
        QStringLiteral("Change when the refresh job runs"),
        QStringLiteral(
            "Changes the time, the time zone or the pause of this schema's refresh job; what is not "
            "given stays. Also rewrites its SQL file from the current segments."),
        {kJobId},
        {timeOption(),
         zoneOption(QStringLiteral("unchanged")),
         {QStringLiteral("pause"), {}, QStringLiteral("stop the schedule (run-now still works)"), {}},
         {QStringLiteral("resume"), {}, QStringLiteral("start the schedule again"), {}}},
        {QStringLiteral("segctl --profile prod jobs update 881001 --time 05:00")},
        &JobsCommands::update,
        CommandSpec::Backend::DatabricksOnly});
    out.append(CommandSpec{
        {QStringLiteral("jobs"), QStringLiteral("run-now")},
        QStringLiteral("Run the refresh job now"),
        QStringLiteral("Rewrites the job's SQL file from the current segments and starts a run. With --wait, "
                       "waits for it and fails (exit code 3) if the run fails."),
        {kJobId},
        {{QStringLiteral("wait"), {}, QStringLiteral("wait until the run has finished"), {}}},
        {QStringLiteral("segctl --profile prod jobs run-now 881001 --wait")},
        &JobsCommands::runNow,
        CommandSpec::Backend::DatabricksOnly});
    out.append(
        CommandSpec{{QStringLiteral("jobs"), QStringLiteral("delete")},
                    QStringLiteral("Remove the refresh job"),
                    QStringLiteral("Deletes this schema's refresh job and its SQL file. The data stays."),
                    {kJobId},
                    {},
                    {QStringLiteral("segctl --profile prod jobs delete 881001")},
                    &JobsCommands::remove,
                    CommandSpec::Backend::DatabricksOnly});
    return out;
}

int JobsCommands::create(CommandContext& context, const ParsedArgs& args)
{
    if (!args.isSet(QStringLiteral("time")))
        return context.usageError(QStringLiteral("`segctl jobs create` needs --time HH:MM"));
    auto schedule = core::RefreshSchedule::parse(args.value(QStringLiteral("time")),
                                                 args.value(QStringLiteral("timezone"), localTimeZone()));
    if (!schedule)
        return context.fail(schedule.error());
    schedule.value().paused = args.isSet(QStringLiteral("paused"));
    auto jobs = refreshJobs(context);
    if (!jobs)
        return context.fail(jobs.error());
    auto created = CommandContext::await(jobs.value()->create(schedule.value()));
    if (!created)
        return context.fail(created.error());
    const core::RefreshJob& job = created.value();
    context.print(QStringLiteral("Created job %1: %2, %3.\nIt runs %4 on warehouse %5.\n")
                      .arg(job.id)
                      .arg(job.name, describe(job), job.scriptPath, job.warehouseId));
    return 0;
}

int JobsCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto jobs = refreshJobs(context);
    if (!jobs)
        return context.fail(jobs.error());
    auto listed = CommandContext::await(jobs.value()->list());
    if (!listed)
        return context.fail(listed.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray out;
        for (const auto& job : listed.value()) {
            QJsonObject o{{QStringLiteral("job_id"), job.id},
                          {QStringLiteral("name"), job.name},
                          {QStringLiteral("schema"), job.schema},
                          {QStringLiteral("creator"), job.creator},
                          {QStringLiteral("script"), job.scriptPath},
                          {QStringLiteral("warehouse_id"), job.warehouseId}};
            if (job.schedule) {
                o.insert(QStringLiteral("time"), job.schedule->time.toString(QStringLiteral("HH:mm")));
                o.insert(QStringLiteral("timezone"), QString::fromUtf8(job.schedule->timeZone));
                o.insert(QStringLiteral("paused"), job.schedule->paused);
            }
            out.append(o);
        }
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (listed.value().isEmpty()) {
        context.print(QStringLiteral("No refresh jobs. `segctl jobs create --time HH:MM` schedules one.\n"));
        return 0;
    }
    TextTable table({QStringLiteral("JOB_ID"), QStringLiteral("SCHEMA"), QStringLiteral("SCHEDULE"),
                     QStringLiteral("CREATOR")});
    for (const auto& job : listed.value())
        table.addRow({QString::number(job.id), job.schema, describe(job), job.creator});
    context.print(table.render());
    return 0;
}

int JobsCommands::update(CommandContext& context, const ParsedArgs& args)
{
    const bool pause = args.isSet(QStringLiteral("pause"));
    const bool resume = args.isSet(QStringLiteral("resume"));
    if (pause && resume)
        return context.usageError(QStringLiteral("--pause and --resume cannot both be given"));
    if (!pause && !resume && !args.isSet(QStringLiteral("time")) && !args.isSet(QStringLiteral("timezone")))
        return context.usageError(
            QStringLiteral("`segctl jobs update` needs --time, --timezone, --pause or --resume"));
    int exitCode = 0;
    const auto job = target(context, args, &exitCode);
    if (!job)
        return exitCode;
    const qint64 id = job->id;
    auto listed = CommandContext::await(job->jobs->list());
    if (!listed)
        return context.fail(listed.error());
    core::RefreshSchedule current;
    for (const auto& j : listed.value()) {
        if (j.id == id && j.schedule)
            current = *j.schedule;
    }
    auto schedule = core::RefreshSchedule::parse(
        args.value(QStringLiteral("time"),
                   current.time.isValid() ? current.time.toString(QStringLiteral("HH:mm")) : QString()),
        args.value(QStringLiteral("timezone"), QString::fromUtf8(current.timeZone)));
    if (!schedule)
        return context.fail(schedule.error());
    schedule.value().paused = pause || (current.paused && !resume);
    auto updated = CommandContext::await(job->jobs->update(id, schedule.value()));
    if (!updated)
        return context.fail(updated.error());
    context.print(QStringLiteral("Job %1 now runs %2.\n").arg(id).arg(describe(updated.value())));
    return 0;
}

int JobsCommands::runNow(CommandContext& context, const ParsedArgs& args)
{
    int exitCode = 0;
    const auto job = target(context, args, &exitCode);
    if (!job)
        return exitCode;
    const qint64 id = job->id;
    auto run = CommandContext::await(job->jobs->runNow(id));
    if (!run)
        return context.fail(run.error());
    context.print(QStringLiteral("Started run %1 of job %2.\n").arg(run.value()).arg(id));
    if (!args.isSet(QStringLiteral("wait")))
        return 0;
    auto finished = CommandContext::await(job->jobs->waitForRun(run.value(), kPoll, kWaitAtMost));
    if (!finished)
        return context.fail(finished.error());
    if (!finished.value().succeeded()) {
        core::Error e = core::Error::internal(finished.value().message);
        e.kind = core::ErrorKind::Remote;
        e.code = finished.value().resultState;
        e.userMessage = QStringLiteral("Run %1 of job %2 ended %3: %4")
                            .arg(run.value())
                            .arg(id)
                            .arg(finished.value().resultState.isEmpty() ? finished.value().lifeCycleState
                                                                        : finished.value().resultState,
                                 finished.value().message);
        e.remediation = QStringLiteral("The run's page in Databricks Jobs shows the failing statement.");
        return context.fail(e);
    }
    context.print(
        QStringLiteral("Run %1 finished: %2.\n").arg(run.value()).arg(finished.value().resultState));
    return 0;
}

int JobsCommands::remove(CommandContext& context, const ParsedArgs& args)
{
    int exitCode = 0;
    const auto job = target(context, args, &exitCode);
    if (!job)
        return exitCode;
    const qint64 id = job->id;
    auto removed = CommandContext::await(job->jobs->remove(id));
    if (!removed)
        return context.fail(removed.error());
    context.print(QStringLiteral("Deleted job %1 and its SQL file.\n").arg(id));
    return 0;
}

} // namespace segctl
