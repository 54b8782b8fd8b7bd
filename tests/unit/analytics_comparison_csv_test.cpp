// A comparison exported as CSV: blocks, headers, numbers, and the spreadsheet safety rules.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "analytics/comparison_csv.h"
#include "domain/simple_definition.h"
#include "export/csv_reader.h"
#include "support/test_catalogue.h"

namespace {

using core::Dimension;

core::ComparedSegment segment(const QString& id, const QString& name, const QString& country, qint64 reach,
                              const QList<core::DailyMetrics>& daily, const core::DateRange& range)
{
    core::ComparedSegment s;
    s.segment.id = id;
    s.segment.advertiserId = QStringLiteral("adv-1");
    s.segment.name = name;
    core::SimpleDefinition d;
    d.include[Dimension::Country] = {country};
    s.segment.definition = d.toDefinition();
    s.reach = reach;
    s.daily = daily;
    s.kpis = core::KpiSummary::of(daily, range);
    s.kpis.uniqueUsers = reach / 2;
    return s;
}

core::Comparison sample()
{
    core::Comparison c;
    c.range = core::DateRange{QDate(2026, 11, 1), QDate(2026, 11, 2)};
    c.asOf = QDate(2026, 11, 24);
    c.segments = {
        segment(QStringLiteral("id-a"), QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("US"), 1200,
                {{QDate(2026, 11, 1), 3000, 150, 15, 900, 12'000'000},
                 {QDate(2026, 11, 2), 2000, 100, 10, 700, 9'000'000}},
                c.range),
        segment(QStringLiteral("id-b"), QStringLiteral("Console Fans"), QStringLiteral("CA"), 800,
                {{QDate(2026, 11, 1), 5000, 150, 30, 600, 20'000'000}}, c.range),
    };
    c.overlap.shared = {{1200, 300}, {300, 800}};
    c.overlap.activeUsers = 5000;
    c.definitionDiff = core::DefinitionDiffer(testsupport::catalogue())
                           .diff({c.segments[0].segment.definition, c.segments[1].segment.definition});
    c.tests = core::PairwiseSignificance::run(c.names(), {c.segments[0].kpis, c.segments[1].kpis});
    return c;
}

QList<QStringList> records(const QByteArray& csv)
{
    auto rows = core::CsvReader::readAll(csv, core::CsvReader::Options{false, false});
    EXPECT_TRUE(rows) << rows.error().toString().toStdString();
    return rows ? rows.value() : QList<QStringList>{};
}

// The rows of the block titled title, header first, up to the empty row after it.
QList<QStringList> block(const QList<QStringList>& all, const QString& title)
{
    QList<QStringList> out;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all[i] != QStringList{title})
            continue;
        for (qsizetype j = i + 1; j < all.size() && all[j] != QStringList{QString()}; ++j)
            out.append(all[j]);
    }
    return out;
}

TEST(ComparisonCsv, StartsWithAByteOrderMarkAndEndsRecordsWithCrLf)
{
    const QByteArray csv = core::ComparisonCsv::toCsv(sample());
    EXPECT_TRUE(csv.startsWith("\xEF\xBB\xBF"
                               "Comparison\r\n"));
    EXPECT_TRUE(csv.endsWith("\r\n"));
    EXPECT_FALSE(core::ComparisonCsv::toCsv(sample(), {false}).startsWith("\xEF\xBB\xBF"));
}

TEST(ComparisonCsv, BlocksInOrderSeparatedByEmptyRows)
{
    const auto all = records(core::ComparisonCsv::toCsv(sample()));
    QStringList titles;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (i == 0 || all[i - 1] == QStringList{QString()})
            titles.append(all[i].value(0));
    }
    EXPECT_EQ(titles, (QStringList{QStringLiteral("Comparison"), QStringLiteral("Segments"),
                                   QStringLiteral("Definition"), QStringLiteral("Overlap"),
                                   QStringLiteral("Significance")}));
    const auto summary = block(all, QStringLiteral("Comparison"));
    ASSERT_EQ(summary.size(), 2);
    EXPECT_EQ(summary[1], (QStringList{QStringLiteral("2026-11-01"), QStringLiteral("2026-11-02"),
                                       QStringLiteral("2026-11-24"), QStringLiteral("30")}));
}

TEST(ComparisonCsv, SegmentRowsCarryKpisAndIntervals)
{
    const core::Comparison c = sample();
    const auto rows = block(records(core::ComparisonCsv::toCsv(c)), QStringLiteral("Segments"));
    ASSERT_EQ(rows.size(), 3);
    const QStringList& header = rows[0];
    const QStringList& a = rows[1];
    auto cell = [&](const QStringList& row, const char* column) {
        return row.value(header.indexOf(QLatin1String(column)));
    };
    EXPECT_EQ(cell(a, "segment"), QStringLiteral("'=HYPERLINK(\"x\")")); // formula guard
    EXPECT_EQ(cell(a, "reach"), QStringLiteral("1200"));
    EXPECT_EQ(cell(a, "impressions"), QStringLiteral("5000"));
    EXPECT_EQ(cell(a, "unique_users"), QStringLiteral("600"));
    EXPECT_EQ(cell(a, "spend"), QStringLiteral("21.00"));
    EXPECT_EQ(cell(a, "ctr"), QStringLiteral("0.050000"));
    EXPECT_EQ(cell(a, "ctr_low").toDouble(), QString::number(c.segments[0].kpis.ctr.low, 'f', 6).toDouble());
    EXPECT_LT(cell(a, "ctr_low").toDouble(), 0.05);
    EXPECT_GT(cell(a, "ctr_high").toDouble(), 0.05);
    EXPECT_EQ(cell(a, "cpm"), QStringLiteral("4.20"));
    const QStringList& b = rows[2];
    EXPECT_EQ(cell(b, "segment"), QStringLiteral("Console Fans"));
    EXPECT_EQ(cell(b, "cpm"), QStringLiteral("4.00"));
    EXPECT_EQ(cell(b, "cpm_low"), QString()); // one day: no interval
}

TEST(ComparisonCsv, DefinitionOverlapAndSignificanceBlocks)
{
    const core::Comparison c = sample();
    const auto all = records(core::ComparisonCsv::toCsv(c));
    const auto definition = block(all, QStringLiteral("Definition"));
    ASSERT_EQ(definition.size(), 2);
    EXPECT_EQ(definition[1], (QStringList{QStringLiteral("Country"), QStringLiteral("United States"),
                                          QStringLiteral("Canada"), QStringLiteral("yes")}));
    const auto overlap = block(all, QStringLiteral("Overlap"));
    ASSERT_EQ(overlap.size(), 2);
    EXPECT_EQ(overlap[1].mid(2), (QStringList{QStringLiteral("300"), QStringLiteral("0.250000"),
                                              QStringLiteral("0.375000"), QStringLiteral("0.176471")}));
    const auto tests = block(all, QStringLiteral("Significance"));
    ASSERT_EQ(tests.size(), 3);
    EXPECT_EQ(tests[1].value(0), QStringLiteral("ctr"));
    EXPECT_EQ(tests[1].value(5), QStringLiteral("-0.020000")); // 3 % − 5 %: a number, not guarded
    EXPECT_EQ(tests[1].value(13), QStringLiteral("significant"));
    // A's CTR is higher, so the sentence starts with A's formula-like name: guarded too.
    EXPECT_EQ(tests[1].value(14),
              QLatin1Char('\'') + c.tests[0].headline + QLatin1Char(' ') + c.tests[0].detail);
    EXPECT_TRUE(c.tests[0].headline.startsWith(QStringLiteral("=HYPERLINK")));
    EXPECT_EQ(tests[2].value(0), QStringLiteral("cvr"));
}

TEST(ComparisonCsv, WritesTheFileAtomically)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("comparison.csv"));
    ASSERT_TRUE(core::ComparisonCsv::write(sample(), path));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), core::ComparisonCsv::toCsv(sample()));
    auto failed =
        core::ComparisonCsv::write(sample(), dir.filePath(QStringLiteral("missing/comparison.csv")));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().kind, core::ErrorKind::Io);
}

} // namespace
