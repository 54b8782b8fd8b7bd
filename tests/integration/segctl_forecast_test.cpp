// `segctl forecast` and `segctl backtest` end to end: the real binary on CSV files, its output
// file format and axis, the chosen model on stderr, errors and exit codes.
#include <gtest/gtest.h>

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "domain/segment_json.h"
#include "export/csv_reader.h"
#include "forecast/accuracy.h"
#include "forecast/series_csv.h"
#include "forecast/synthetic_impressions.h"
#include "support/segctl_process.h"

using namespace core::forecast;

namespace {

const QString kFixtures = QStringLiteral(SB_SOURCE_DIR "/tests/data/forecast/");

class SegctlForecastTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    SegctlRun segctl(const QStringList& args) const { return runSegctl(m_dir.path(), args); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString write(const QString& name, const QByteArray& bytes) const
    {
        QFile f(path(name));
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return path(name);
    }

    // A daily series of synthetic impressions as CSV, its last `drop` days left out.
    QString dailyCsv(const QString& name, int days, int drop = 0) const
    {
        SyntheticOptions options;
        options.days = days;
        const TimeSeries s = SyntheticImpressions::series(options, 3);
        QByteArray csv = "date,impressions\n";
        for (qsizetype t = 0; t < s.size() - drop; ++t)
            csv += s.labelAt(t).toUtf8() + ',' + QByteArray::number(s.at(t)) + '\n';
        return write(name, csv);
    }

    static QList<QStringList> rows(const QByteArray& csv)
    {
        auto r = core::CsvReader::readAll(csv);
        EXPECT_TRUE(r.ok());
        return r.ok() ? r.value() : QList<QStringList>{};
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(SegctlForecastTest, DailyForecastContinuesTheDatesWithIntervals)
{
    const QString input = dailyCsv(QStringLiteral("in.csv"), 120);
    const SegctlRun r = segctl({QStringLiteral("forecast"), QStringLiteral("--input"), input,
                                QStringLiteral("--horizon"), QStringLiteral("14")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.errText().startsWith(QStringLiteral("segctl: model ETS("))) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("season 7"))) << r;
    const auto table = rows(r.out);
    ASSERT_EQ(table.size(), 15) << r;
    EXPECT_EQ(table[0],
              (QStringList{QStringLiteral("date"), QStringLiteral("forecast"), QStringLiteral("lo80"),
                           QStringLiteral("hi80"), QStringLiteral("lo95"), QStringLiteral("hi95")}));
    const QDate last = SyntheticOptions{}.firstDay.addDays(119);
    for (int h = 1; h <= 14; ++h) {
        const QStringList& row = table[h];
        EXPECT_EQ(row[0], last.addDays(h).toString(Qt::ISODate));
        const double point = row[1].toDouble(), lo80 = row[2].toDouble(), hi80 = row[3].toDouble(),
                     lo95 = row[4].toDouble(), hi95 = row[5].toDouble();
        EXPECT_TRUE(lo95 <= lo80 && lo80 <= point && point <= hi80 && hi80 <= hi95)
            << row.join(QLatin1Char(',')).toStdString();
        EXPECT_GE(lo95, 0.0);
    }
}

TEST_F(SegctlForecastTest, PeriodsLevelsModelAndOutputFile)
{
    // The training part of AirPassengers: periods 1..126, forecast 127..144.
    QFile full(kFixtures + QStringLiteral("AirPassengers.csv"));
    ASSERT_TRUE(full.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = full.readAll().split('\n');
    const QString input = write(QStringLiteral("ap.csv"), lines.mid(0, 127).join('\n') + '\n');
    const QString output = path(QStringLiteral("out.csv"));
    const SegctlRun r =
        segctl({QStringLiteral("forecast"), QStringLiteral("--input"), input, QStringLiteral("--horizon"),
                QStringLiteral("18"), QStringLiteral("--season"), QStringLiteral("12"),
                QStringLiteral("--model"), QStringLiteral("MAdM"), QStringLiteral("--level"),
                QStringLiteral("50,99"), QStringLiteral("--output"), output});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.errText().startsWith(QStringLiteral("segctl: model ETS(M,Ad,M) (season 12"))) << r;
    EXPECT_EQ(r.outText(),
              QStringLiteral("Wrote 18 forecast steps to %1.\n").arg(QDir::toNativeSeparators(output)));
    QFile out(output);
    ASSERT_TRUE(out.open(QIODevice::ReadOnly));
    const auto table = rows(out.readAll());
    ASSERT_EQ(table.size(), 19);
    EXPECT_EQ(table[0].join(QLatin1Char(',')), QStringLiteral("period,forecast,lo50,hi50,lo99,hi99"));
    EXPECT_EQ(table[1][0], QStringLiteral("127"));
    EXPECT_EQ(table[18][0], QStringLiteral("144"));
    // As accurate on the holdout as R's ets (within half a point of sMAPE).
    std::vector<double> actual, points;
    for (int h = 0; h < 18; ++h) {
        actual.push_back(lines[127 + h].split(',')[1].toDouble());
        points.push_back(table[h + 1][1].toDouble());
    }
    EXPECT_LT(Accuracy::smape(actual, points), 6.092 + 0.5);
}

TEST_F(SegctlForecastTest, MissingDaysAndNotesOnStderr)
{
    QByteArray csv = "day,value\n";
    for (int t = 0; t < 70; ++t) {
        if (t == 20 || t == 21)
            continue; // two days absent
        csv += QDate(2026, 3, 1).addDays(t).toString(Qt::ISODate).toUtf8() + ',' +
               QByteArray::number(1000 + 200 * (t % 7 == 5) - 300 * (t % 7 == 6) + (t * 37) % 50) + '\n';
    }
    const SegctlRun r =
        segctl({QStringLiteral("forecast"), QStringLiteral("--input"), write(QStringLiteral("g.csv"), csv),
                QStringLiteral("--horizon"), QStringLiteral("3")});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.errText().contains(QStringLiteral("segctl: note: 2 missing values stepped over."))) << r;
    const auto table = rows(r.out);
    ASSERT_EQ(table.size(), 4);
    EXPECT_EQ(table[1][0], QStringLiteral("2026-05-10")); // the day after 2026-05-09, the 70th day
}

TEST_F(SegctlForecastTest, BacktestPrintsBothMethods)
{
    const QString input = dailyCsv(QStringLiteral("in.csv"), 150);
    const SegctlRun table =
        segctl({QStringLiteral("backtest"), QStringLiteral("--input"), input, QStringLiteral("--horizon"),
                QStringLiteral("14"), QStringLiteral("--origins"), QStringLiteral("3")});
    expectOk(table);
    EXPECT_TRUE(table.outText().startsWith(
        QStringLiteral("Backtest: 3 origins, 14 steps ahead each, 7 apart; season 7; 42 points")))
        << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("seasonal naive"))) << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("COVER80  COVER95"))) << table;
    EXPECT_TRUE(table.outText().contains(QStringLiteral("MASE ratio (model / seasonal naive)"))) << table;

    const SegctlRun json =
        segctl({QStringLiteral("backtest"), QStringLiteral("--input"), input, QStringLiteral("--horizon"),
                QStringLiteral("14"), QStringLiteral("--origins"), QStringLiteral("3"),
                QStringLiteral("--format"), QStringLiteral("json")});
    expectOk(json);
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    EXPECT_EQ(o.value(QStringLiteral("origins")).toInt(), 3);
    EXPECT_EQ(o.value(QStringLiteral("season")).toInt(), 7);
    const QJsonObject model = o.value(QStringLiteral("model")).toObject();
    const QJsonObject naive = o.value(QStringLiteral("seasonal_naive")).toObject();
    EXPECT_EQ(model.value(QStringLiteral("points")).toInt(), 42);
    EXPECT_NEAR(o.value(QStringLiteral("mase_ratio")).toDouble(),
                model.value(QStringLiteral("mase")).toDouble() /
                    naive.value(QStringLiteral("mase")).toDouble(),
                1e-9);
    EXPECT_TRUE(model.value(QStringLiteral("coverage")).toObject().contains(QStringLiteral("95")));
}

TEST_F(SegctlForecastTest, ErrorsAreOneLineWithTheRightExitCode)
{
    const QString good = dailyCsv(QStringLiteral("in.csv"), 60);
    const QString h = QStringLiteral("--horizon");
    const QString f = QStringLiteral("forecast");
    const QString in = QStringLiteral("--input");
    expectError(segctl({f, in, good}), 1, QStringLiteral("--horizon H is required"));
    expectError(segctl({f, in, good, h, QStringLiteral("0")}), 1,
                QStringLiteral("--horizon needs a whole number"));
    expectError(
        segctl({f, in, good, h, QStringLiteral("7"), QStringLiteral("--level"), QStringLiteral("80,120")}), 1,
        QStringLiteral("--level"));
    expectError(
        segctl({f, in, good, h, QStringLiteral("7"), QStringLiteral("--model"), QStringLiteral("arima")}), 1,
        QStringLiteral("“arima” is not an exponential-smoothing model"));
    expectError(segctl({f, h, QStringLiteral("7")}), 1,
                QStringLiteral("give either --input FILE.csv or --segment ID"));
    expectError(
        segctl({f, in, good, QStringLiteral("--segment"), QStringLiteral("s1"), h, QStringLiteral("7")}), 1,
        QStringLiteral("give either --input FILE.csv or --segment ID"));
    expectError(
        segctl({f, in, good, QStringLiteral("--metric"), QStringLiteral("clicks"), h, QStringLiteral("7")}),
        1, QStringLiteral("--metric goes with --segment"));
    expectError(segctl({f, in, path(QStringLiteral("none.csv")), h, QStringLiteral("7")}), 2,
                QStringLiteral("there is no such file"));
    const QString bad = write(QStringLiteral("bad.csv"), "date,value\n2026-01-01,5\n2026-01-01,6\n");
    expectError(segctl({f, in, bad, h, QStringLiteral("7")}), 2,
                QStringLiteral("Line 3: “2026-01-01” appears twice"));
    const QString zeros =
        write(QStringLiteral("z.csv"), "period,value\n1,0\n2,0\n3,4\n4,0\n5,2\n6,0\n7,0\n8,1\n");
    expectError(
        segctl({f, in, zeros, h, QStringLiteral("3"), QStringLiteral("--model"), QStringLiteral("MNN")}), 2,
        QStringLiteral("needs values above zero"));
    expectError(segctl({QStringLiteral("backtest"), in, good, h, QStringLiteral("50")}), 2,
                QStringLiteral("too short to backtest 50 steps"));
    expectError(
        segctl({f, in, good, h, QStringLiteral("7"), QStringLiteral("--profile"), QStringLiteral("x")}), 1,
        QStringLiteral("do not apply to --input"));
}

TEST_F(SegctlForecastTest, ForecastsASegmentsDailyMetricFromTheWorkspace)
{
    const QString ws = path(QStringLiteral("demo.sqlite"));
    const SegctlRun demo = segctl(
        {QStringLiteral("demo"), QStringLiteral("--workspace"), ws, QStringLiteral("--seed"),
         QStringLiteral("7"), QStringLiteral("--end-date"), QStringLiteral("2026-01-31"),
         QStringLiteral("--users"), QStringLiteral("1500"), QStringLiteral("--days"), QStringLiteral("45")});
    ASSERT_EQ(demo.exitCode, 0) << demo;
    const SegctlRun list =
        segctl({QStringLiteral("segments"), QStringLiteral("list"), QStringLiteral("--workspace"), ws,
                QStringLiteral("--format"), QStringLiteral("json")});
    ASSERT_EQ(list.exitCode, 0) << list;
    auto segments = core::SegmentJson::fromDocument(list.out);
    ASSERT_TRUE(segments.ok() && !segments.value().isEmpty()) << list;
    // Segments with metrics get a forecast continuing the days; any without get a clear error.
    QString id;
    for (const core::Segment& segment : segments.value()) {
        const SegctlRun r =
            segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), segment.id,
                    QStringLiteral("--horizon"), QStringLiteral("7"), QStringLiteral("--end-date"),
                    QStringLiteral("2026-01-31"), QStringLiteral("--workspace"), ws});
        if (r.exitCode != 0) {
            expectError(r, 2, QStringLiteral("has no daily metrics yet"));
            continue;
        }
        id = segment.id;
        EXPECT_TRUE(r.errText().startsWith(QStringLiteral("segctl: model "))) << r;
        const auto table = rows(r.out);
        ASSERT_EQ(table.size(), 8) << r;
        EXPECT_EQ(table[1][0], QStringLiteral("2026-02-01")) << r; // the day after the demo's last day
        for (int h = 1; h <= 7; ++h)
            EXPECT_GE(table[h][2].toDouble(), 0.0); // counts: never below zero
    }
    ASSERT_FALSE(id.isEmpty()) << "no demo segment has daily metrics";
    const SegctlRun clicks =
        segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), id, QStringLiteral("--metric"),
                QStringLiteral("clicks"), QStringLiteral("--horizon"), QStringLiteral("3"),
                QStringLiteral("--workspace"), ws});
    ASSERT_EQ(clicks.exitCode, 0) << clicks;
    EXPECT_EQ(rows(clicks.out).size(), 4);
    expectError(segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), id,
                        QStringLiteral("--end-date"), QStringLiteral("31/01/2026"),
                        QStringLiteral("--horizon"), QStringLiteral("3"), QStringLiteral("--workspace"), ws}),
                1, QStringLiteral("--end-date takes a date"));
    expectError(
        segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), QStringLiteral("no-such-segment"),
                QStringLiteral("--horizon"), QStringLiteral("7"), QStringLiteral("--workspace"), ws}),
        2);
    expectError(segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), id,
                        QStringLiteral("--metric"), QStringLiteral("spend"), QStringLiteral("--horizon"),
                        QStringLiteral("7"), QStringLiteral("--workspace"), ws}),
                1, QStringLiteral("--metric"));
    expectError(
        segctl({QStringLiteral("forecast"), QStringLiteral("--segment"), id, QStringLiteral("--horizon"),
                QStringLiteral("7"), QStringLiteral("--workspace"), path(QStringLiteral("none.sqlite"))}),
        2);
}

TEST_F(SegctlForecastTest, HelpDescribesTheCommands)
{
    const SegctlRun top = segctl({QStringLiteral("--help")});
    expectOk(top);
    EXPECT_TRUE(top.outText().contains(QStringLiteral("forecast"))) << top;
    EXPECT_TRUE(top.outText().contains(QStringLiteral("backtest"))) << top;
    const SegctlRun help = segctl({QStringLiteral("forecast"), QStringLiteral("--help")});
    expectOk(help);
    for (const char* option :
         {"--input", "--horizon", "--season", "--model", "--level", "--output", "--segment"})
        EXPECT_TRUE(help.outText().contains(QLatin1String(option))) << option;
}
