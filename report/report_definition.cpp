#include "report/report_definition.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace report {

namespace {

const QStringList kWeekdays{QStringLiteral("Mon"), QStringLiteral("Tue"), QStringLiteral("Wed"), QStringLiteral("Thu"),
                            QStringLiteral("Fri"), QStringLiteral("Sat"), QStringLiteral("Sun")};
const QStringList kWeekdayNames{QStringLiteral("Monday"),   QStringLiteral("Tuesday"), QStringLiteral("Wednesday"),
                                QStringLiteral("Thursday"), QStringLiteral("Friday"),  QStringLiteral("Saturday"),
                                QStringLiteral("Sunday")};
const QStringList kSections{QStringLiteral("kpis"), QStringLiteral("charts"), QStringLiteral("forecasts"),
                            QStringLiteral("comparison"), QStringLiteral("experiments")};

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

core::Result<ReportSchedule> ReportSchedule::parse(const QString& weekday, const QString& time)
{
    ReportSchedule s;
    const QString day = weekday.trimmed();
    int index = -1;
    for (int i = 0; i < 7; ++i) {
        if (day.compare(kWeekdays[i], Qt::CaseInsensitive) == 0 || day.compare(kWeekdayNames[i], Qt::CaseInsensitive) == 0)
            index = i;
    }
    if (index < 0)
        return core::Error::validation(QStringLiteral("report_schedule_invalid"),
                                       QStringLiteral("“%1” is not a weekday: use Mon, Tue, Wed, Thu, Fri, Sat or Sun.")
                                           .arg(weekday));
    s.weekday = index + 1;
    static const QRegularExpression hhmm(QStringLiteral("^([01]?\\d|2[0-3]):([0-5]\\d)$"));
    const auto m = hhmm.match(time.trimmed());
    if (!m.hasMatch())
        return core::Error::validation(QStringLiteral("report_schedule_invalid"),
                                       QStringLiteral("“%1” is not a time of day: use HH:MM on the 24-hour clock, "
                                                      "such as 08:00.")
                                           .arg(time));
    s.time = QTime(m.captured(1).toInt(), m.captured(2).toInt());
    return s;
}

QString ReportSchedule::weekdayName() const
{
    return kWeekdays.value(weekday - 1);
}

QString ReportSchedule::describe() const
{
    return QStringLiteral("every %1 at %2").arg(kWeekdayNames.value(weekday - 1), time.toString(QStringLiteral("HH:mm")));
}

QStringList ReportDefinition::Formats::names() const
{
    QStringList out;
    if (pdf)
        out.append(QStringLiteral("pdf"));
    if (html)
        out.append(QStringLiteral("html"));
    if (csv)
        out.append(QStringLiteral("csv"));
    return out;
}

core::Status ReportDefinition::validateName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]*$"));
    if (name.isEmpty() || name.size() > kMaxNameLength || !pattern.match(name).hasMatch())
        return core::Error::validation(
            QStringLiteral("report_name_invalid"),
            QStringLiteral("“%1” cannot name a report: use 1–%2 letters, digits, - or _, starting with a letter "
                           "or digit (it names the files and the schedule).")
                .arg(name)
                .arg(kMaxNameLength));
    return core::success();
}

bool ReportDefinition::isVolumePath(const QString& folder)
{
    return folder.startsWith(QLatin1String("/Volumes/"));
}

core::Status ReportDefinition::validate() const
{
    if (auto s = validateName(name); !s)
        return s;
    if (advertiserId.trimmed().isEmpty())
        return core::Error::validation(QStringLiteral("report_advertiser_required"),
                                       QStringLiteral("A report needs an advertiser."));
    if (lastDays < 1 || lastDays > kMaxDays)
        return core::Error::validation(QStringLiteral("report_days_invalid"),
                                       QStringLiteral("A report covers 1–%1 days, not %2.").arg(kMaxDays).arg(lastDays));
    if (!formats.any())
        return core::Error::validation(QStringLiteral("report_format_required"),
                                       QStringLiteral("A report needs at least one format: PDF, HTML or CSV."));
    if (outputFolder.trimmed().isEmpty())
        return core::Error::validation(QStringLiteral("report_folder_required"),
                                       QStringLiteral("A report needs a folder to be written to."));
    if (!isVolumePath(outputFolder) && QDir::isRelativePath(outputFolder))
        return core::Error::validation(
            QStringLiteral("report_folder_relative"),
            QStringLiteral("The report folder “%1” is relative: give a full path (a scheduled run starts elsewhere).")
                .arg(outputFolder));
    if (isVolumePath(outputFolder) && outputFolder.split(QLatin1Char('/'), Qt::SkipEmptyParts).size() < 4)
        return core::Error::validation(
            QStringLiteral("report_folder_relative"),
            QStringLiteral("“%1” is not a volume folder: use /Volumes/<catalog>/<schema>/<volume>[/folder].")
                .arg(outputFolder));
    return core::success();
}

core::Result<ReportDefinition::Formats> ReportDefinition::parseFormats(const QString& text)
{
    Formats f{false, false, false};
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString p = part.trimmed().toLower();
        if (p == QLatin1String("pdf"))
            f.pdf = true;
        else if (p == QLatin1String("html"))
            f.html = true;
        else if (p == QLatin1String("csv"))
            f.csv = true;
        else
            return core::Error::validation(QStringLiteral("report_format_invalid"),
                                           QStringLiteral("“%1” is not a report format: use pdf, html and/or csv.").arg(part));
    }
    if (!f.any())
        return core::Error::validation(QStringLiteral("report_format_required"),
                                       QStringLiteral("A report needs at least one format: PDF, HTML or CSV."));
    return f;
}

core::Result<ReportDefinition::Sections> ReportDefinition::parseSections(const QString& text)
{
    if (text.trimmed().compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        return Sections{};
    Sections s{false, false, false, false, false};
    bool* flags[] = {&s.kpis, &s.charts, &s.forecasts, &s.comparison, &s.experiments};
    bool any = false;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype i = kSections.indexOf(part.trimmed().toLower());
        if (i < 0)
            return core::Error::validation(
                QStringLiteral("report_section_invalid"),
                QStringLiteral("“%1” is not a report section: use %2 or all.").arg(part, kSections.join(QStringLiteral(", "))));
        *flags[i] = true;
        any = true;
    }
    if (!any)
        return core::Error::validation(QStringLiteral("report_section_invalid"),
                                       QStringLiteral("A report needs at least one section."));
    return s;
}

QStringList ReportDefinition::sectionNames() const
{
    const bool flags[] = {sections.kpis, sections.charts, sections.forecasts, sections.comparison, sections.experiments};
    QStringList out;
    for (int i = 0; i < 5; ++i) {
        if (flags[i])
            out.append(kSections[i]);
    }
    return out;
}

core::ReportJobSpec ReportDefinition::jobSpec(const ReportSchedule& when, const QByteArray& timeZone) const
{
    core::ReportJobSpec spec;
    spec.name = name;
    spec.advertiserId = advertiserId;
    spec.segmentIds = segmentIds;
    spec.lastDays = lastDays;
    spec.volumeFolder = outputFolder;
    spec.weekday = when.weekday;
    spec.time = when.time;
    spec.timeZone = timeZone;
    return spec;
}

QJsonObject ReportDefinition::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("advertiser_id"), advertiserId},
                  {QStringLiteral("segment_ids"), QJsonArray::fromStringList(segmentIds)},
                  {QStringLiteral("last_days"), lastDays},
                  {QStringLiteral("sections"), QJsonArray::fromStringList(sectionNames())},
                  {QStringLiteral("formats"), QJsonArray::fromStringList(formats.names())},
                  {QStringLiteral("output_folder"), outputFolder},
                  {QStringLiteral("created_at"), timeText(createdAt)},
                  {QStringLiteral("updated_at"), timeText(updatedAt)}};
    if (schedule)
        o.insert(QStringLiteral("schedule"),
                 QJsonObject{{QStringLiteral("weekday"), schedule->weekdayName()},
                             {QStringLiteral("time"), schedule->time.toString(QStringLiteral("HH:mm"))}});
    return o;
}

core::Result<ReportDefinition> ReportDefinition::fromJson(const QJsonObject& json)
{
    ReportDefinition d;
    d.name = json.value(QStringLiteral("name")).toString();
    d.advertiserId = json.value(QStringLiteral("advertiser_id")).toString();
    for (const auto& id : json.value(QStringLiteral("segment_ids")).toArray())
        d.segmentIds.append(id.toString());
    d.lastDays = json.value(QStringLiteral("last_days")).toInt(28);
    QStringList sections;
    for (const auto& s : json.value(QStringLiteral("sections")).toArray())
        sections.append(s.toString());
    auto parsedSections = parseSections(sections.join(QLatin1Char(',')));
    if (!parsedSections)
        return parsedSections.error();
    d.sections = parsedSections.value();
    QStringList formats;
    for (const auto& f : json.value(QStringLiteral("formats")).toArray())
        formats.append(f.toString());
    auto parsedFormats = parseFormats(formats.join(QLatin1Char(',')));
    if (!parsedFormats)
        return parsedFormats.error();
    d.formats = parsedFormats.value();
    d.outputFolder = json.value(QStringLiteral("output_folder")).toString();
    d.createdAt = QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
    d.updatedAt = QDateTime::fromString(json.value(QStringLiteral("updated_at")).toString(), Qt::ISODateWithMs);
    if (json.contains(QStringLiteral("schedule"))) {
        const QJsonObject s = json.value(QStringLiteral("schedule")).toObject();
        auto parsed = ReportSchedule::parse(s.value(QStringLiteral("weekday")).toString(),
                                            s.value(QStringLiteral("time")).toString());
        if (!parsed)
            return parsed.error();
        d.schedule = parsed.value();
    }
    if (auto s = d.validate(); !s)
        return s.error();
    return d;
}

} // namespace report
