#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QTime>

#include <optional>

#include "common/result.h"

#include "domain/report_job_spec.h"

namespace report {

// When a scheduled report runs: every week on one weekday at a local time of this computer
// (a systemd user timer) or, on Databricks, in the job's time zone.
struct ReportSchedule
{
    int weekday = 1; // 1 = Monday … 7 = Sunday (Qt's numbering)
    QTime time{8, 0};

    // "Mon 08:00": a weekday (Mon…Sun, or its full English name) and HH:MM; Validation otherwise.
    static core::Result<ReportSchedule> parse(const QString& weekday, const QString& time);
    QString weekdayName() const; // "Mon"
    // "every Monday at 08:00"
    QString describe() const;
    bool operator==(const ReportSchedule&) const = default;
};

// What a scheduled segment report holds and where it goes: a plain value, kept by name in
// ReportDefinitionFile. Segments: the chosen ones, or (empty) every live segment of the
// advertiser at the time of the run. The range is the last `lastDays` days with data.
struct ReportDefinition
{
    static constexpr int kMaxNameLength = 64;
    static constexpr int kMaxDays = 366;

    struct Sections
    {
        bool kpis = true;        // KPIs with 95 % intervals, spend, CPM, CPC, CPA
        bool charts = true;      // daily impressions and clicks per segment
        bool forecasts = true;   // the next 14 days of impressions with 80/95 % ranges
        bool comparison = true;  // 2–6 segments side by side: overlap and significance
        bool experiments = true; // the results of the segments' experiments
        bool operator==(const Sections&) const = default;
    };
    struct Formats
    {
        bool pdf = true;
        bool html = true;
        bool csv = true;
        bool any() const { return pdf || html || csv; }
        QStringList names() const; // "pdf", "html", "csv" in that order
        bool operator==(const Formats&) const = default;
    };

    QString name; // letters, digits, - and _: it names the files and the systemd units
    QString advertiserId;
    QStringList segmentIds; // empty: all of the advertiser's live segments
    int lastDays = 28;
    Sections sections;
    Formats formats;
    // A folder of this computer, or a Unity Catalog volume path /Volumes/<catalog>/<schema>/<volume>[/…].
    QString outputFolder;
    std::optional<ReportSchedule> schedule; // as last installed; nullopt: not scheduled
    QDateTime createdAt; // UTC
    QDateTime updatedAt;

    // Validation errors with codes report_name_invalid, report_advertiser_required,
    // report_days_invalid, report_format_required, report_folder_required, report_folder_relative.
    core::Status validate() const;
    static core::Status validateName(const QString& name);
    bool writesToVolume() const { return isVolumePath(outputFolder); }
    static bool isVolumePath(const QString& folder);
    // Parses "pdf,html,csv" (any subset, any order); Validation for anything else.
    static core::Result<Formats> parseFormats(const QString& text);
    // Parses "kpis,charts,forecasts,comparison,experiments" (any subset) or "all".
    static core::Result<Sections> parseSections(const QString& text);
    QStringList sectionNames() const;

    // The report as a Databricks job scheduled `when` in the IANA zone `timeZone` (ReportJobSpec
    // validates it).
    core::ReportJobSpec jobSpec(const ReportSchedule& when, const QByteArray& timeZone) const;

    QJsonObject toJson() const;
    static core::Result<ReportDefinition> fromJson(const QJsonObject& json);
    bool operator==(const ReportDefinition&) const = default;
};

} // namespace report
