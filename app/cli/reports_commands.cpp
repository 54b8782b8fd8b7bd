#include "reports_commands.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include "backends/backend.h"
#include "backends/databricks/databricks_connection.h"
#include "backends/report_scheduler.h"
#include "command_context.h"
#include "parsed_args.h"
#include "report/report_collector.h"
#include "report/report_definition_file.h"
#include "report/report_timer.h"
#include "report/report_writer.h"
#include "text_table.h"

#include <QDir>
#include <QTimeZone>

#include <chrono>

namespace segctl {

namespace {

using Open = CommandContext::Open;

const PositionalSpec kName{QStringLiteral("NAME"), QStringLiteral("the report's name (`segctl reports list`)")};

// The report definitions of the chosen workspace (its key: the backend's kind and name).
core::Result<report::ReportDefinitionFile> definitions(CommandContext& context)
{
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return backend.error();
    return report::ReportDefinitionFile(report::ReportDefinitionFile::defaultPath(),
                                        backend.value()->kind() + QLatin1Char(':') + backend.value()->displayName());
}

// A report that goes to a volume of the Databricks workspace in use is scheduled there, as a job.
bool scheduledOnDatabricks(CommandContext& context, const report::ReportDefinition& d)
{
    return d.writesToVolume() && context.usesDatabricks();
}

core::Result<core::ReportScheduler*> reportJobs(CommandContext& context)
{
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return backend.error();
    if (core::ReportScheduler* scheduler = backend.value()->reportScheduler())
        return scheduler;
    return core::Error::internal(QStringLiteral("this backend schedules no reports itself"));
}

// Runs the report's Databricks job now and waits for it; prints the run and where the CSV went.
int runJobNow(CommandContext& context, core::ReportScheduler* jobs, const report::ReportDefinition& d)
{
    auto run = CommandContext::await(jobs->runNow(d.name));
    if (!run)
        return context.fail(run.error());
    context.print(QStringLiteral("Started run %1 of the report's job.\n").arg(run.value()));
    using namespace std::chrono_literals;
    auto finished = CommandContext::await(jobs->waitForRun(run.value(), 2s, 30min));
    if (!finished)
        return context.fail(finished.error());
    if (!finished.value().succeeded()) {
        core::Error e = core::Error::internal(finished.value().message);
        e.code = QStringLiteral("report_job_failed");
        e.userMessage = QStringLiteral("Run %1 of the report's job ended %2: %3")
                            .arg(run.value())
                            .arg(finished.value().resultState, finished.value().message);
        e.remediation = QStringLiteral("Look at the run in Databricks' Jobs page; `segctl doctor` checks the grants.");
        return context.fail(e);
    }
    context.print(QStringLiteral("Run %1 succeeded: the CSV is in %2/%3.\n")
                      .arg(run.value())
                      .arg(d.outputFolder.endsWith(QLatin1Char('/')) ? d.outputFolder.chopped(1) : d.outputFolder, d.name));
    return 0;
}

QString segmentsText(const report::ReportDefinition& d)
{
    return d.segmentIds.isEmpty() ? QStringLiteral("all") : d.segmentIds.join(QLatin1Char(','));
}

report::ReportTimer timer(CommandContext& context)
{
    return report::ReportTimer(QCoreApplication::applicationFilePath(), context.workspaceArguments());
}

QString timerOutcome(const report::ReportTimer::Outcome& outcome, const QString& reportName)
{
    if (outcome.activated)
        return {};
    return QStringLiteral("The timer is not active yet: systemctl --user answered “%1”. It starts with your next "
                          "systemd session, or run `systemctl --user daemon-reload && systemctl --user enable --now "
                          "%2.timer`.\n")
        .arg(outcome.systemctl, report::ReportTimer::unitName(reportName));
}

} // namespace

QList<CommandSpec> ReportsCommands::specs()
{
    QList<CommandSpec> out;
    out.append(CommandSpec{
        {QStringLiteral("reports"), QStringLiteral("create")},
        QStringLiteral("Define a segment report (KPIs, charts, forecasts, comparison, experiments)"),
        QStringLiteral("Saves a report definition of this workspace: an advertiser, its chosen segments (or all of "
                       "its live segments at each run), the last --days days with data, the sections and the "
                       "formats, and the folder the files go to (a full path, or a Unity Catalog volume path "
                       "/Volumes/<catalog>/<schema>/<volume>/… on Databricks). Definitions are kept in this "
                       "computer's reports.json beside the local workspace, per workspace. With --replace an "
                       "existing report of that name is changed; without, a taken name is exit code 4."),
        {kName},
        {{QStringLiteral("advertiser"), QStringLiteral("ID"), QStringLiteral("the advertiser (required)"), {}},
         {QStringLiteral("segments"), QStringLiteral("ID,ID"), QStringLiteral("segment ids (default: all of the advertiser's)"), {}},
         {QStringLiteral("days"), QStringLiteral("N"), QStringLiteral("the last N days with data (default: 28)"), {}},
         {QStringLiteral("sections"), QStringLiteral("LIST"),
          QStringLiteral("kpis,charts,forecasts,comparison,experiments or all (default: all)"), {}},
         {QStringLiteral("formats"), QStringLiteral("LIST"), QStringLiteral("pdf,html,csv (default: all three)"), {}},
         {QStringLiteral("output"), QStringLiteral("FOLDER"), QStringLiteral("where the files go (required)"), {}},
         {QStringLiteral("replace"), {}, QStringLiteral("change the report of that name"), {}}},
        {QStringLiteral("segctl reports create weekly-northwind --advertiser adv-northwind --days 7 --output ~/Reports"),
         QStringLiteral("segctl --profile prod reports create q4 --advertiser adv-42 --formats pdf "
                        "--output /Volumes/main/ad_segments/reports")},
        &ReportsCommands::create});
    out.append(CommandSpec{{QStringLiteral("reports"), QStringLiteral("list")},
                           QStringLiteral("List the workspace's reports"),
                           QStringLiteral("Lists the report definitions of this workspace with their schedule."),
                           {},
                           {{QStringLiteral("format"),
                             QStringLiteral("FORMAT"),
                             QStringLiteral("output format (default: table)"),
                             {QStringLiteral("table"), QStringLiteral("json")}}},
                           {QStringLiteral("segctl reports list --format json")},
                           &ReportsCommands::list});
    out.append(CommandSpec{
        {QStringLiteral("reports"), QStringLiteral("run")},
        QStringLiteral("Write a report now (PDF, HTML, CSV)"),
        QStringLiteral("Reads the report's segments and metrics, computes its KPIs, comparison, forecasts and "
                       "experiment results and writes <folder>/<name>-<last day>.{pdf,html,csv} (each file "
                       "atomically; to a volume through the Files API). Prints the files written. The systemd "
                       "timer of `reports schedule` runs this. Needs no display.\n"
                       "With --job (a report scheduled on Databricks): starts the report's Databricks job now, waits "
                       "for it and says where its CSV went."),
        {kName},
        {{QStringLiteral("job"), {}, QStringLiteral("run the report's Databricks job now instead"), {}}},
        {QStringLiteral("segctl reports run weekly-northwind")},
        &ReportsCommands::run});
    out.append(CommandSpec{{QStringLiteral("reports"), QStringLiteral("delete")},
                           QStringLiteral("Remove a report and its schedule"),
                           QStringLiteral("Deletes the report definition and, when it is scheduled, its systemd "
                                          "timer or its Databricks job. Files already written stay."),
                           {kName},
                           {},
                           {QStringLiteral("segctl reports delete weekly-northwind")},
                           &ReportsCommands::remove});
    out.append(CommandSpec{
        {QStringLiteral("reports"), QStringLiteral("schedule")},
        QStringLiteral("Run a report every week (systemd user timer, or a Databricks job)"),
        QStringLiteral("Installs ~/.config/systemd/user/segment-report-NAME.{timer,service}: every --weekly day "
                       "at --time (this computer's time) the service runs `segctl reports run NAME` on this "
                       "workspace, with the app closed. A run missed while the computer was off happens at the "
                       "next start. Scheduling again replaces the time.\n"
                       "A report whose folder is a volume of the Databricks workspace in use is scheduled there "
                       "instead: a Jobs API job (SQL file task on the warehouse, in --time-zone) writes the report's "
                       "daily figures per segment as CSV into <folder>/<name>/ every week, nothing running here. "
                       "Its values are rows of report_job_values; the file is "
                       "/Workspace/Shared/segment-builder/<catalog>.<schema>/reports/<name>.sql. PDF and HTML need "
                       "the app's renderer: `reports run NAME`."),
        {kName},
        {{QStringLiteral("weekly"), QStringLiteral("DAY"), QStringLiteral("Mon … Sun (required)"), {}},
         {QStringLiteral("time"), QStringLiteral("HH:MM"), QStringLiteral("time of day, 24-hour clock (default: 08:00)"), {}},
         {QStringLiteral("time-zone"), QStringLiteral("ZONE"),
          QStringLiteral("Databricks job: the IANA time zone of --time (default: this computer's)"), {}},
         {QStringLiteral("run-now"), {}, QStringLiteral("Databricks job: also run it once now and wait for it"), {}}},
        {QStringLiteral("segctl reports schedule weekly-northwind --weekly Mon --time 08:00"),
         QStringLiteral("segctl --profile prod reports schedule weekly-volume --weekly Mon --time 07:30 --time-zone "
                        "Europe/Berlin --run-now")},
        &ReportsCommands::schedule});
    out.append(CommandSpec{{QStringLiteral("reports"), QStringLiteral("unschedule")},
                           QStringLiteral("Stop running a report every week"),
                           QStringLiteral("Stops and removes the report's systemd timer and service, or its "
                                          "Databricks job (with its SQL file and values)."),
                           {kName},
                           {},
                           {QStringLiteral("segctl reports unschedule weekly-northwind")},
                           &ReportsCommands::unschedule});
    return out;
}

int ReportsCommands::create(CommandContext& context, const ParsedArgs& args)
{
    report::ReportDefinition d;
    d.name = args.positional(0);
    if (auto s = report::ReportDefinition::validateName(d.name); !s)
        return context.fail(s.error());
    if (!args.isSet(QStringLiteral("advertiser")))
        return context.usageError(QStringLiteral("`segctl reports create` needs --advertiser ID"));
    if (!args.isSet(QStringLiteral("output")))
        return context.usageError(QStringLiteral("`segctl reports create` needs --output FOLDER"));
    d.advertiserId = args.value(QStringLiteral("advertiser")).trimmed();
    for (const auto& id : args.value(QStringLiteral("segments")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        d.segmentIds.append(id.trimmed());
    if (args.isSet(QStringLiteral("days"))) {
        bool ok = false;
        d.lastDays = args.value(QStringLiteral("days")).toInt(&ok);
        if (!ok)
            return context.usageError(
                QStringLiteral("--days needs a number of days such as 7 or 28, not “%1”").arg(args.value(QStringLiteral("days"))));
    }
    if (args.isSet(QStringLiteral("sections"))) {
        auto sections = report::ReportDefinition::parseSections(args.value(QStringLiteral("sections")));
        if (!sections)
            return context.fail(sections.error());
        d.sections = sections.value();
    }
    if (args.isSet(QStringLiteral("formats"))) {
        auto formats = report::ReportDefinition::parseFormats(args.value(QStringLiteral("formats")));
        if (!formats)
            return context.fail(formats.error());
        d.formats = formats.value();
    }
    d.outputFolder = args.value(QStringLiteral("output")).trimmed();
    if (!d.writesToVolume())
        d.outputFolder = QDir::cleanPath(QDir::current().absoluteFilePath(d.outputFolder));
    if (auto s = d.validate(); !s)
        return context.fail(s.error());
    if (auto s = context.requireAdvertiser(d.advertiserId); !s)
        return context.fail(s.error());
    if (!d.segmentIds.isEmpty()) {
        auto store = context.store(Open::ExistingOnly);
        if (!store)
            return context.fail(store.error());
        for (const auto& id : d.segmentIds) {
            auto segment = CommandContext::await(store.value()->getSegment(id));
            if (!segment)
                return context.fail(segment.error());
            if (segment.value().advertiserId != d.advertiserId || segment.value().isDeleted())
                return context.fail(core::Error::validation(
                    QStringLiteral("report_segment_invalid"),
                    QStringLiteral("Segment %1 is not a live segment of advertiser %2.").arg(id, d.advertiserId)));
        }
    }
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    if (auto existing = file.value().find(d.name); existing)
        d.schedule = existing.value().schedule;
    auto saved = file.value().save(d, args.isSet(QStringLiteral("replace")));
    if (!saved)
        return context.fail(saved.error());
    context.print(QStringLiteral("Saved report %1: %2, segments %3, last %4 days, %5 as %6 into %7.\n")
                      .arg(saved.value().name, saved.value().advertiserId, segmentsText(saved.value()))
                      .arg(saved.value().lastDays)
                      .arg(saved.value().sectionNames().join(QStringLiteral(", ")),
                           saved.value().formats.names().join(QStringLiteral(", ")), saved.value().outputFolder));
    return 0;
}

int ReportsCommands::list(CommandContext& context, const ParsedArgs& args)
{
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    auto all = file.value().list();
    if (!all)
        return context.fail(all.error());
    if (args.value(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray out;
        for (const auto& d : all.value())
            out.append(d.toJson());
        context.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    TextTable table({QStringLiteral("NAME"), QStringLiteral("ADVERTISER"), QStringLiteral("SEGMENTS"), QStringLiteral("DAYS"),
                     QStringLiteral("FORMATS"), QStringLiteral("SCHEDULE"), QStringLiteral("FOLDER")});
    for (const auto& d : all.value())
        table.addRow({d.name, d.advertiserId, segmentsText(d), QString::number(d.lastDays),
                      d.formats.names().join(QLatin1Char(',')), d.schedule ? d.schedule->describe() : QStringLiteral("—"),
                      d.outputFolder});
    context.print(table.render());
    return 0;
}

int ReportsCommands::run(CommandContext& context, const ParsedArgs& args)
{
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    auto definition = file.value().find(args.positional(0));
    if (!definition)
        return context.fail(definition.error());
    if (args.isSet(QStringLiteral("job"))) {
        if (!scheduledOnDatabricks(context, definition.value()))
            return context.usageError(QStringLiteral("--job runs a report scheduled on Databricks: one whose folder is a "
                                                     "/Volumes/… path, with --profile or --host"));
        auto jobs = reportJobs(context);
        if (!jobs)
            return context.fail(jobs.error());
        return runJobNow(context, jobs.value(), definition.value());
    }
    auto backend = context.backend(Open::ExistingOnly);
    if (!backend)
        return context.fail(backend.error());
    auto catalogue = context.catalogue();
    if (!catalogue)
        return context.fail(catalogue.error());
    core::VolumeFiles* volumes = nullptr;
    if (definition.value().writesToVolume() && context.usesDatabricks()) {
        auto connection = context.databricks();
        if (!connection)
            return context.fail(connection.error());
        volumes = connection.value()->volumeFiles();
    }
    report::ReportCollector collector(*backend.value(), catalogue.value());
    auto content = collector.collect(definition.value());
    if (!content)
        return context.fail(content.error());
    auto written = report::ReportWriter(volumes).write(content.value());
    if (!written)
        return context.fail(written.error());
    for (const auto& path : written.value())
        context.print(path + QLatin1Char('\n'));
    return 0;
}

int ReportsCommands::remove(CommandContext& context, const ParsedArgs& args)
{
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    auto definition = file.value().find(args.positional(0));
    if (!definition)
        return context.fail(definition.error());
    if (report::ReportTimer::isInstalled(definition.value().name)) {
        auto removed = timer(context).remove(definition.value().name);
        if (!removed)
            return context.fail(removed.error());
    }
    if (definition.value().schedule && scheduledOnDatabricks(context, definition.value())) {
        auto jobs = reportJobs(context);
        if (!jobs)
            return context.fail(jobs.error());
        if (auto removed = CommandContext::await(jobs.value()->remove(definition.value().name)); !removed)
            return context.fail(removed.error());
    }
    if (auto s = file.value().remove(definition.value().name); !s)
        return context.fail(s.error());
    context.print(QStringLiteral("Deleted report %1.\n").arg(definition.value().name));
    return 0;
}

int ReportsCommands::schedule(CommandContext& context, const ParsedArgs& args)
{
    if (!args.isSet(QStringLiteral("weekly")))
        return context.usageError(QStringLiteral("`segctl reports schedule` needs --weekly DAY (Mon … Sun)"));
    auto when = report::ReportSchedule::parse(args.value(QStringLiteral("weekly")),
                                              args.value(QStringLiteral("time"), QStringLiteral("08:00")));
    if (!when)
        return context.fail(when.error());
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    auto definition = file.value().find(args.positional(0));
    if (!definition)
        return context.fail(definition.error());
    if (scheduledOnDatabricks(context, definition.value()))
        return scheduleOnDatabricks(context, args, file.value(), definition.value(), when.value());
    if (args.isSet(QStringLiteral("run-now")) || args.isSet(QStringLiteral("time-zone")))
        return context.usageError(QStringLiteral("--time-zone and --run-now are for a report scheduled on Databricks "
                                                 "(a /Volumes/… folder, with --profile or --host)"));
    auto installed = timer(context).install(definition.value(), when.value());
    if (!installed)
        return context.fail(installed.error());
    report::ReportDefinition d = definition.value();
    d.schedule = when.value();
    if (auto saved = file.value().save(d, true); !saved)
        return context.fail(saved.error());
    context.print(QStringLiteral("Scheduled report %1 %2.\n").arg(d.name, when.value().describe()));
    for (const auto& f : installed.value().files)
        context.print(QStringLiteral("  %1\n").arg(f));
    context.print(timerOutcome(installed.value(), d.name));
    return 0;
}

int ReportsCommands::scheduleOnDatabricks(CommandContext& context, const ParsedArgs& args,
                                          report::ReportDefinitionFile& file, const report::ReportDefinition& definition,
                                          const report::ReportSchedule& when)
{
    const core::ReportJobSpec spec =
        definition.jobSpec(when, args.isSet(QStringLiteral("time-zone")) ? args.value(QStringLiteral("time-zone")).toUtf8()
                                                                        : QTimeZone::systemTimeZoneId());
    if (auto ok = spec.validate(); !ok)
        return context.fail(ok.error());
    auto jobs = reportJobs(context);
    if (!jobs)
        return context.fail(jobs.error());
    auto job = CommandContext::await(jobs.value()->schedule(spec));
    if (!job)
        return context.fail(job.error());
    report::ReportDefinition d = definition;
    d.schedule = when;
    if (auto saved = file.save(d, true); !saved)
        return context.fail(saved.error());
    context.print(QStringLiteral("Scheduled report %1 %2 as Databricks job %3: it writes the daily figures as CSV into "
                                 "%4/, nothing running on this computer.\n  %5\n")
                      .arg(d.name, spec.describe())
                      .arg(job.value().id)
                      .arg(spec.outputDirectory(), job.value().scriptPath));
    if (args.isSet(QStringLiteral("run-now")))
        return runJobNow(context, jobs.value(), d);
    return 0;
}

int ReportsCommands::unschedule(CommandContext& context, const ParsedArgs& args)
{
    auto file = definitions(context);
    if (!file)
        return context.fail(file.error());
    auto definition = file.value().find(args.positional(0));
    if (!definition)
        return context.fail(definition.error());
    if (scheduledOnDatabricks(context, definition.value())) {
        auto jobs = reportJobs(context);
        if (!jobs)
            return context.fail(jobs.error());
        if (auto removed = CommandContext::await(jobs.value()->remove(definition.value().name)); !removed)
            return context.fail(removed.error());
    } else if (auto removed = timer(context).remove(definition.value().name); !removed) {
        return context.fail(removed.error());
    }
    report::ReportDefinition d = definition.value();
    d.schedule.reset();
    if (auto saved = file.value().save(d, true); !saved)
        return context.fail(saved.error());
    context.print(QStringLiteral("Report %1 is no longer scheduled.\n").arg(d.name));
    return 0;
}

} // namespace segctl
