#include "analytics/comparison_csv.h"

#include <cmath>

#include "export/atomic_file.h"
#include "export/csv_writer.h"

namespace core {

namespace {

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QString();
}

QString fraction(double value)
{
    return number(value, 6);
}
QString money(double value)
{
    return number(value, 2);
}
QString integer(qint64 value)
{
    return QString::number(value);
}

// Starts a titled block: an empty row before it (except the first), the title, the header.
void beginBlock(CsvWriter& csv, const QString& title, const QStringList& header,
                const QList<int>& numericColumns)
{
    if (csv.rowCount() > 0)
        csv.endRow();
    csv.setNumericColumns({});
    csv.writeRow({title});
    csv.writeRow(header);
    csv.setNumericColumns(numericColumns);
}

QList<int> columnsFrom(int first, int last)
{
    QList<int> out;
    for (int c = first; c <= last; ++c)
        out.append(c);
    return out;
}

void writeSummary(CsvWriter& csv, const Comparison& c)
{
    beginBlock(csv, QStringLiteral("Comparison"),
               {QStringLiteral("first_day"), QStringLiteral("last_day"), QStringLiteral("data_as_of"),
                QStringLiteral("reach_window_days")},
               {3});
    csv.writeRow({c.range.first.toString(Qt::ISODate), c.range.last.toString(Qt::ISODate),
                  c.asOf.toString(Qt::ISODate), integer(c.reachWindowDays)});
}

void writeSegments(CsvWriter& csv, const Comparison& c)
{
    beginBlock(csv, QStringLiteral("Segments"),
               {QStringLiteral("segment"), QStringLiteral("segment_id"), QStringLiteral("advertiser_id"),
                QStringLiteral("reach"), QStringLiteral("impressions"), QStringLiteral("clicks"),
                QStringLiteral("conversions"), QStringLiteral("unique_users"), QStringLiteral("spend"),
                QStringLiteral("ctr"), QStringLiteral("ctr_low"), QStringLiteral("ctr_high"),
                QStringLiteral("cvr"), QStringLiteral("cvr_low"), QStringLiteral("cvr_high"),
                QStringLiteral("cpm"), QStringLiteral("cpm_low"), QStringLiteral("cpm_high")},
               columnsFrom(3, 17));
    for (const auto& s : c.segments) {
        const KpiSummary& k = s.kpis;
        auto bound = [](const auto& estimate, double value, auto format) {
            return estimate.hasInterval ? format(value) : QString();
        };
        csv.writeRow({s.segment.name, s.segment.id, s.segment.advertiserId, integer(s.reach),
                      integer(k.impressions), integer(k.clicks), integer(k.conversions),
                      k.uniqueUsers ? integer(*k.uniqueUsers) : QString(), money(k.spend()),
                      fraction(k.ctr.value), bound(k.ctr, k.ctr.low, fraction),
                      bound(k.ctr, k.ctr.high, fraction), fraction(k.cvr.value),
                      bound(k.cvr, k.cvr.low, fraction), bound(k.cvr, k.cvr.high, fraction),
                      money(k.cpm.value), bound(k.cpm, k.cpm.low, money), bound(k.cpm, k.cpm.high, money)});
    }
}

void writeDefinitions(CsvWriter& csv, const Comparison& c)
{
    QStringList header{QStringLiteral("field")};
    header.append(c.names());
    header.append(QStringLiteral("differs"));
    beginBlock(csv, QStringLiteral("Definition"), header, {});
    for (const auto& row : c.definitionDiff.rows) {
        QStringList cells{row.label};
        for (const auto& cell : row.cells)
            cells.append(cell.text);
        cells.append(row.differs ? QStringLiteral("yes") : QStringLiteral("no"));
        csv.writeRow(cells);
    }
}

void writeOverlap(CsvWriter& csv, const Comparison& c)
{
    beginBlock(csv, QStringLiteral("Overlap"),
               {QStringLiteral("segment_a"), QStringLiteral("segment_b"), QStringLiteral("shared_users"),
                QStringLiteral("share_of_a"), QStringLiteral("share_of_b"), QStringLiteral("jaccard")},
               columnsFrom(2, 5));
    const QStringList names = c.names();
    for (int i = 0; i < c.overlap.count(); ++i) {
        for (int j = i + 1; j < c.overlap.count(); ++j) {
            csv.writeRow({names.value(i), names.value(j), integer(c.overlap.sharedUsers(i, j)),
                          fraction(c.overlap.shareOf(i, j)), fraction(c.overlap.shareOf(j, i)),
                          fraction(c.overlap.jaccard(i, j))});
        }
    }
}

void writeTests(CsvWriter& csv, const Comparison& c)
{
    beginBlock(csv, QStringLiteral("Significance"),
               {QStringLiteral("metric"), QStringLiteral("segment_a"), QStringLiteral("segment_b"),
                QStringLiteral("rate_a"), QStringLiteral("rate_b"), QStringLiteral("difference"),
                QStringLiteral("ci_low"), QStringLiteral("ci_high"), QStringLiteral("z"),
                QStringLiteral("p_value"), QStringLiteral("adjusted_p_value"),
                QStringLiteral("adjusted_ci_low"), QStringLiteral("adjusted_ci_high"),
                QStringLiteral("outcome"), QStringLiteral("finding")},
               columnsFrom(3, 12));
    const QStringList names = c.names();
    for (const auto& t : c.tests) {
        const bool tested = t.outcome != TestOutcome::NotEnoughData;
        auto ifTested = [tested](const QString& text) { return tested ? text : QString(); };
        csv.writeRow({metricKey(t.metric), names.value(t.indexA), names.value(t.indexB), fraction(t.a.rate()),
                      fraction(t.b.rate()), fraction(t.b.rate() - t.a.rate()),
                      ifTested(fraction(t.result.ciLow)), ifTested(fraction(t.result.ciHigh)),
                      ifTested(number(t.result.z, 4)), ifTested(number(t.result.pValue, 6)),
                      ifTested(number(t.adjustedPValue, 6)), ifTested(fraction(t.adjustedCiLow)),
                      ifTested(fraction(t.adjustedCiHigh)), ComparisonCsv::outcomeKey(t.outcome),
                      t.headline + QLatin1Char(' ') + t.detail});
    }
}

} // namespace

QString ComparisonCsv::outcomeKey(TestOutcome outcome)
{
    switch (outcome) {
    case TestOutcome::Significant:
        return QStringLiteral("significant");
    case TestOutcome::NotSignificant:
        return QStringLiteral("not_significant");
    case TestOutcome::NotEnoughData:
        return QStringLiteral("not_enough_data");
    }
    return {};
}

QByteArray ComparisonCsv::toCsv(const Comparison& comparison)
{
    return toCsv(comparison, Options{});
}

QByteArray ComparisonCsv::toCsv(const Comparison& comparison, Options options)
{
    CsvWriter csv(CsvWriter::Options{options.byteOrderMark, true});
    writeSummary(csv, comparison);
    writeSegments(csv, comparison);
    writeDefinitions(csv, comparison);
    writeOverlap(csv, comparison);
    writeTests(csv, comparison);
    return csv.takeData();
}

Status ComparisonCsv::write(const Comparison& comparison, const QString& path)
{
    return write(comparison, path, Options{});
}

Status ComparisonCsv::write(const Comparison& comparison, const QString& path, Options options)
{
    return writeFileAtomically(path, toCsv(comparison, options));
}

} // namespace core
