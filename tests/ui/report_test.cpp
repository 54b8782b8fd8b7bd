// Scheduled segment reports (report/): definitions and their file, the figures a report shows
// (core's KPIs written into the HTML, the CSV's rows equal to the stored metrics), the PDF's pages
// and section titles read back with pdftotext, the systemd units checked by systemd-analyze, and
// money written with each advertiser's currency.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "analytics/kpi_summary.h"
#include "analytics/metric_format.h"
#include "common/future_wait.h"
#include "domain/money.h"
#include "export/csv_reader.h"
#include "report/report_collector.h"
#include "report/report_csv.h"
#include "report/report_definition_file.h"
#include "report/report_html.h"
#include "report/report_pdf.h"
#include "report/report_timer.h"
#include "report/report_writer.h"
#include "temp_workspace.h"

namespace {

using report::ReportDefinition;

// Runs a program; its standard output, or nullopt when it is not installed or fails.
std::optional<QByteArray> runTool(const QString& name, const QStringList& args, int* exitCode = nullptr)
{
    const QString program = QStandardPaths::findExecutable(name);
    if (program.isEmpty())
        return std::nullopt;
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return std::nullopt;
    if (exitCode)
        *exitCode = p.exitCode();
    if (!exitCode && p.exitCode() != 0)
        return std::nullopt;
    return p.readAllStandardOutput() + p.readAllStandardError();
}

ReportDefinition definition(const QString& folder)
{
    ReportDefinition d;
    d.name = QStringLiteral("weekly-northwind");
    d.advertiserId = QStringLiteral("adv-northwind");
    d.lastDays = 28;
    d.outputFolder = folder;
    return d;
}

std::shared_ptr<const core::Catalogue> catalogue()
{
    auto c = core::Catalogue::load();
    EXPECT_TRUE(c.ok());
    return c.value();
}

TEST(Money, IsWrittenWithTheCurrencyOfTheLocale)
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    EXPECT_EQ(core::Money::format(1234.5, QStringLiteral("USD"), english), QStringLiteral("$1,234.50"));
    EXPECT_EQ(core::Money::format(1234.5, QStringLiteral("EUR"), english), QStringLiteral("€1,234.50"));
    EXPECT_EQ(core::Money::format(0.42, QStringLiteral("GBP"), english), QStringLiteral("£0.42"));
    const QString swiss = core::Money::format(12.5, QStringLiteral("CHF"), english);
    EXPECT_TRUE(swiss.startsWith(QStringLiteral("CHF")) && swiss.endsWith(QStringLiteral("12.50"))) << swiss.toStdString();
    const QString german = core::Money::format(1234.5, QStringLiteral("EUR"), QLocale(QLocale::German, QLocale::Germany));
    EXPECT_TRUE(german.startsWith(QStringLiteral("1.234,50")) && german.endsWith(QStringLiteral("€"))) << german.toStdString();
    EXPECT_EQ(core::Money::format(-3, QStringLiteral("USD"), QLocale::c()), QStringLiteral("-$3.00"));
    EXPECT_EQ(core::Money::format(3, QString(), english), QStringLiteral("3.00"));
}

TEST(Money, MetricFormatUsesTheAdvertisersCurrency)
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    ui::MetricFormat::setCurrencies({{QStringLiteral("adv-a"), QStringLiteral("GBP")}});
    EXPECT_EQ(ui::MetricFormat::currencyOf(QStringLiteral("adv-a")), QStringLiteral("GBP"));
    core::KpiSummary kpis;
    kpis.spendMicros = 2'500'000;
    EXPECT_EQ(ui::MetricFormat::kpi(kpis, core::Metric::Spend, ui::MetricFormat::currencyOf(QStringLiteral("adv-a"))),
              QStringLiteral("£2.50"));
    EXPECT_EQ(ui::MetricFormat::value(core::Metric::Cpm, 4.5, QStringLiteral("EUR")), QStringLiteral("€4.50"));
    ui::MetricFormat::setCurrencies({});
    QLocale::setDefault(QLocale::c());
}

TEST(Currency, AdvertisersKeepTheirCurrencyAndTheDemoHasAMix)
{
    auto ws = uitest::TempWorkspace::smallDemo();
    ASSERT_TRUE(ws);
    auto before = core::awaitFuture(ws->store().listAdvertisers());
    ASSERT_TRUE(before.ok());
    QSet<QString> currencies;
    for (const auto& a : before.value())
        currencies.insert(a.currency);
    EXPECT_EQ(currencies, (QSet<QString>{QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP")}));

    ASSERT_TRUE(core::awaitFuture(ws->store().saveAdvertiser({QStringLiteral("adv-new"), QStringLiteral("New"), QStringLiteral("jpy")})).ok());
    const auto bad = core::awaitFuture(ws->store().saveAdvertiser({QStringLiteral("adv-bad"), QStringLiteral("Bad"), QStringLiteral("EURO")}));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, QStringLiteral("advertiser_currency_invalid"));
    auto after = core::awaitFuture(ws->store().listAdvertisers());
    ASSERT_TRUE(after.ok());
    QHash<QString, QString> byId;
    for (const auto& a : after.value())
        byId.insert(a.id, a.currency);
    EXPECT_EQ(byId.value(QStringLiteral("adv-new")), QStringLiteral("JPY"));
    EXPECT_FALSE(byId.contains(QStringLiteral("adv-bad")));
    EXPECT_EQ(byId.value(QStringLiteral("adv-northwind")), QStringLiteral("EUR"));
}

TEST(ReportDefinition, IsCheckedAndKeptPerWorkspaceByName)
{
    QTemporaryDir dir;
    ReportDefinition d = definition(dir.filePath(QStringLiteral("out")));
    EXPECT_TRUE(d.validate().ok());
    ReportDefinition bad = d;
    bad.name = QStringLiteral("weekly report; rm");
    EXPECT_EQ(bad.validate().error().code, QStringLiteral("report_name_invalid"));
    bad = d;
    bad.outputFolder = QStringLiteral("relative/folder");
    EXPECT_EQ(bad.validate().error().code, QStringLiteral("report_folder_relative"));
    bad = d;
    bad.formats = {false, false, false};
    EXPECT_EQ(bad.validate().error().code, QStringLiteral("report_format_required"));
    EXPECT_FALSE(ReportDefinition::parseSections(QStringLiteral("kpis,pictures")).ok());
    EXPECT_TRUE(ReportDefinition::isVolumePath(QStringLiteral("/Volumes/main/ad/reports")));

    d.segmentIds = {QStringLiteral("a"), QStringLiteral("b")};
    d.sections.experiments = false;
    d.formats.html = false;
    d.schedule = report::ReportSchedule::parse(QStringLiteral("Fri"), QStringLiteral("7:30")).value();
    const QString path = dir.filePath(QStringLiteral("reports.json"));
    report::ReportDefinitionFile mine(path, QStringLiteral("local:one"));
    report::ReportDefinitionFile other(path, QStringLiteral("local:two"));
    auto saved = mine.save(d, false);
    ASSERT_TRUE(saved.ok()) << saved.error().toString().toStdString();
    auto found = mine.find(QStringLiteral("WEEKLY-northwind"));
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found.value(), saved.value());
    EXPECT_EQ(found.value().schedule->describe(), QStringLiteral("every Friday at 07:30"));
    EXPECT_EQ(mine.save(d, false).error().code, QStringLiteral("report_name_taken"));
    EXPECT_EQ(other.list().value().size(), 0);
    EXPECT_EQ(other.find(d.name).error().code, QStringLiteral("report_not_found"));
    d.lastDays = 7;
    ASSERT_TRUE(mine.save(d, true).ok());
    EXPECT_EQ(mine.find(d.name).value().lastDays, 7);
    EXPECT_EQ(mine.find(d.name).value().createdAt, saved.value().createdAt);
    ASSERT_TRUE(mine.remove(d.name).ok());
    EXPECT_EQ(mine.list().value().size(), 0);
    EXPECT_FALSE(mine.remove(d.name).ok());
}

class ReportRendering : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_ws = uitest::TempWorkspace::busyDemo();
        ASSERT_TRUE(m_ws);
    }
    void TearDown() override { QLocale::setDefault(QLocale::c()); }

    report::ReportContent collect(const ReportDefinition& d)
    {
        report::ReportCollector collector(m_ws->backend(), catalogue());
        QStringList steps;
        auto content = collector.collect(d, [&](int, int, const QString& what) {
            steps.append(what);
            return true;
        });
        EXPECT_TRUE(content.ok()) << content.error().toString().toStdString();
        EXPECT_GE(steps.size(), 5);
        return content ? content.value() : report::ReportContent{};
    }

    std::unique_ptr<uitest::TempWorkspace> m_ws;
    QTemporaryDir m_dir;
};

TEST_F(ReportRendering, HtmlShowsCoresKpisInTheAdvertisersCurrency)
{
    const auto content = collect(definition(m_dir.path()));
    ASSERT_FALSE(content.segments.isEmpty());
    EXPECT_EQ(content.advertiser.currency, QStringLiteral("EUR"));
    EXPECT_EQ(content.asOf, QDate(2026, 9, 30));
    EXPECT_EQ(content.range, core::DateRange::endingOn(QDate(2026, 9, 30), 28));
    const QString html = QString::fromUtf8(report::ReportHtml::standalone(content));
    for (const auto& title : report::ReportHtml::sectionTitles(content.definition))
        EXPECT_TRUE(html.contains(QStringLiteral(">%1</h2>").arg(title))) << title.toStdString();
    EXPECT_TRUE(html.contains(QStringLiteral("data:image/png;base64,")));
    for (const auto& s : content.segments) {
        // The figures as core computes them from the stored rows, independently of the collector.
        auto rows = core::awaitFuture(m_ws->backend().metrics().dailyMetrics(s.segment.id));
        ASSERT_TRUE(rows.ok());
        const core::KpiSummary kpis = core::KpiSummary::of(rows.value(), content.range);
        EXPECT_EQ(kpis, s.kpis);
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        EXPECT_TRUE(html.contains(english.toString(kpis.impressions))) << s.segment.name.toStdString();
        const QString spend = core::Money::format(kpis.spend(), QStringLiteral("EUR"), english);
        EXPECT_TRUE(spend.startsWith(QStringLiteral("€")));
        EXPECT_TRUE(html.contains(spend.toHtmlEscaped())) << spend.toStdString();
        if (kpis.ctr.hasInterval) {
            const QString ctr = QStringLiteral("%1 % (%2–%3 %)")
                                    .arg(english.toString(100 * kpis.ctr.value, 'f', 2), english.toString(100 * kpis.ctr.low, 'f', 2),
                                         english.toString(100 * kpis.ctr.high, 'f', 2));
            EXPECT_TRUE(html.contains(ctr.toHtmlEscaped())) << ctr.toStdString();
        }
    }
    ASSERT_TRUE(content.comparison.has_value());
    EXPECT_EQ(content.comparison->count(), std::min<qsizetype>(6, content.segments.size()));
    int forecasts = 0;
    for (const auto& s : content.segments)
        forecasts += s.forecast ? 1 : 0;
    EXPECT_GT(forecasts, 0);
}

TEST_F(ReportRendering, CsvRowsAreTheStoredMetricsOfEveryDay)
{
    ReportDefinition d = definition(m_dir.path());
    d.segmentIds = {m_ws->segmentId(QStringLiteral("Weekend Hikers"))};
    d.lastDays = 7;
    const auto content = collect(d);
    ASSERT_EQ(content.segments.size(), 1);
    auto stored = core::awaitFuture(m_ws->backend().metrics().dailyMetrics(d.segmentIds.first(), content.range.first,
                                                                            content.range.last));
    ASSERT_TRUE(stored.ok());
    const auto expected = core::DailyMetrics::withZeroDays(stored.value(), content.range.first, content.range.last);
    core::CsvReader reader(report::ReportCsv::render(content));
    QStringList fields;
    ASSERT_TRUE(reader.readRecord(fields).value());
    EXPECT_EQ(fields, report::ReportCsv::header());
    int row = 0;
    while (reader.readRecord(fields).value()) {
        ASSERT_LT(row, expected.size());
        const auto& m = expected[row++];
        EXPECT_EQ(fields[2], QStringLiteral("EUR"));
        EXPECT_EQ(fields[3], d.segmentIds.first());
        EXPECT_EQ(fields[5], m.day.toString(Qt::ISODate));
        EXPECT_EQ(fields[6].toLongLong(), m.impressions);
        EXPECT_EQ(fields[7].toLongLong(), m.clicks);
        EXPECT_EQ(fields[8].toLongLong(), m.conversions);
        EXPECT_EQ(fields[9].toLongLong(), m.uniqueUsers);
        EXPECT_EQ(fields[10], QString::number(m.spendMicros / 1e6, 'f', 2));
    }
    EXPECT_EQ(row, 7);
}

TEST_F(ReportRendering, PdfHasAPageForEverySectionInOrder)
{
    ReportDefinition d = definition(m_dir.path());
    d.segmentIds = {m_ws->segmentId(QStringLiteral("Weekend Hikers")), m_ws->segmentId(QStringLiteral("Urban Cyclists EU"))};
    d.formats = {true, false, false};
    const auto content = collect(d);
    auto written = report::ReportWriter().write(content);
    ASSERT_TRUE(written.ok()) << written.error().toString().toStdString();
    ASSERT_EQ(written.value().size(), 1);
    EXPECT_EQ(written.value().first(), m_dir.filePath(content.baseName() + QStringLiteral(".pdf")));
    QFile f(written.value().first());
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_TRUE(f.read(5) == "%PDF-");
    auto text = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), written.value().first(), QStringLiteral("-")});
    if (!text)
        GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    // pdftotext gives the "fi" of "Key figures" as its ligature.
    const QString all = QString::fromUtf8(*text).replace(QChar(0xFB01), QStringLiteral("fi"));
    const QStringList pages = all.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
    const QStringList titles = report::ReportHtml::sectionTitles(d);
    ASSERT_GE(pages.size(), titles.size());
    EXPECT_TRUE(pages.first().contains(QStringLiteral("weekly-northwind — Northwind Outdoor")));
    EXPECT_TRUE(pages.first().contains(QStringLiteral("Key figures")));
    // Every other section starts a page, in the order of the definition.
    int page = 1;
    for (qsizetype t = 1; t < titles.size(); ++t) {
        while (page < pages.size() && !pages[page].trimmed().startsWith(titles[t]))
            ++page;
        EXPECT_LT(page, pages.size()) << "no page starts with " << titles[t].toStdString();
    }
    EXPECT_TRUE(all.contains(QStringLiteral("Weekend Hikers")));
    EXPECT_TRUE(all.contains(QStringLiteral("€")));
    auto images = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), written.value().first()});
    if (images && d.sections.charts) { // a chart per segment, on the Charts page
        EXPECT_EQ(QString::fromUtf8(*images).count(QStringLiteral(" image ")), 2) << images->toStdString();
    }
}

TEST(ReportTimer, UnitsRunSegctlWeeklyAndSystemdAcceptsThem)
{
    QTemporaryDir dir;
    ReportDefinition d = definition(dir.filePath(QStringLiteral("out")));
    const auto schedule = report::ReportSchedule::parse(QStringLiteral("Mon"), QStringLiteral("08:00")).value();
    const QString segctl = QStringLiteral(SB_BIN_DIR "/segctl");
    report::ReportTimer timer(segctl, {QStringLiteral("--workspace"), QStringLiteral("/home/a user/w%1.sqlite")});
    const QString service = timer.serviceText(d);
    const QString exec = QStringLiteral("ExecStart=") + segctl +
                         QStringLiteral(" --workspace \"/home/a user/w%%1.sqlite\" reports run weekly-northwind\n");
    EXPECT_TRUE(service.contains(exec)) << service.toStdString();
    EXPECT_TRUE(service.contains(QStringLiteral("Environment=QT_QPA_PLATFORM=offscreen")));
    const QString timerUnit = report::ReportTimer::timerText(d, schedule);
    EXPECT_TRUE(timerUnit.contains(QStringLiteral("OnCalendar=Mon *-*-* 08:00:00\n")));
    EXPECT_TRUE(timerUnit.contains(QStringLiteral("Unit=segment-report-weekly-northwind.service")));

    const QString base = dir.filePath(report::ReportTimer::unitName(d.name));
    for (const auto& [suffix, text] : {std::pair{QStringLiteral(".service"), service}, std::pair{QStringLiteral(".timer"), timerUnit}}) {
        QFile f(base + suffix);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
    }
    int exitCode = -1;
    auto verified = runTool(QStringLiteral("systemd-analyze"),
                            {QStringLiteral("verify"), base + QStringLiteral(".timer"), base + QStringLiteral(".service")}, &exitCode);
    if (!verified)
        GTEST_SKIP() << "systemd-analyze is not installed";
    EXPECT_EQ(exitCode, 0) << verified->toStdString();
    auto next = runTool(QStringLiteral("systemd-analyze"), {QStringLiteral("calendar"), report::ReportTimer::onCalendar(schedule)});
    ASSERT_TRUE(next);
    EXPECT_TRUE(next->contains("Next elapse: Mon ")) << next->toStdString();

    // A broken calendar is refused by the same check (the check can fail).
    QFile broken(base + QStringLiteral(".timer"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write(QString(timerUnit).replace(QStringLiteral("08:00:00"), QStringLiteral("25:00:00")).toUtf8());
    broken.close();
    runTool(QStringLiteral("systemd-analyze"),
            {QStringLiteral("verify"), base + QStringLiteral(".timer"), base + QStringLiteral(".service")}, &exitCode);
    EXPECT_NE(exitCode, 0);
}

} // namespace
