#include "forecast/series_csv.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <QRegularExpression>

#include "export/csv_reader.h"
#include "export/csv_writer.h"

namespace core::forecast {

namespace {

constexpr qint64 kMaxSpan = 100000;

struct Row
{
    qint64 key = 0; // Julian day or period number
    double value = 0.0;
    int line = 0;
};

enum class Axis
{
    Unknown,
    Dates,
    Periods,
};

Error atLine(int line, const QString& message)
{
    Error e = Error::parse(QStringLiteral("Line %1: %2").arg(line).arg(message));
    e.remediation = QStringLiteral("Give a header line, then one “date,value” (YYYY-MM-DD) or “period,value” "
                                   "row per step.");
    return e;
}

bool parseKey(const QString& text, Axis& kind, qint64& key)
{
    static const QRegularExpression datePattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression periodPattern(QStringLiteral("^[+-]?\\d{1,15}$"));
    if (datePattern.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return false;
        kind = Axis::Dates;
        key = date.toJulianDay();
        return true;
    }
    if (periodPattern.match(text).hasMatch()) {
        kind = Axis::Periods;
        key = text.toLongLong();
        return true;
    }
    return false;
}

bool isMissingText(const QString& text)
{
    return text.isEmpty() || text.compare(QLatin1String("NA"), Qt::CaseInsensitive) == 0 ||
           text.compare(QLatin1String("NaN"), Qt::CaseInsensitive) == 0;
}

} // namespace

Result<TimeSeries> SeriesCsv::read(const QByteArray& bytes)
{
    auto records = CsvReader::readAll(bytes);
    if (!records)
        return records.error();
    const QList<QStringList>& rows = records.value();
    if (rows.isEmpty())
        return Error::validation(QStringLiteral("no_data"), QStringLiteral("The file is empty."));
    if (rows.first().size() != 2)
        return atLine(1, QStringLiteral("expected two columns (a date or period, then the value), found %1.")
                             .arg(rows.first().size()));
    Axis headerKind = Axis::Unknown;
    qint64 ignored = 0;
    if (parseKey(rows.first().first().trimmed(), headerKind, ignored))
        return atLine(1, QStringLiteral("the first line must be a header such as “date,value”, not data."));

    Axis axis = Axis::Unknown;
    std::map<qint64, int> seen; // key -> line
    std::vector<Row> data;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const int line = static_cast<int>(i) + 1;
        const QString keyText = rows.at(i).at(0).trimmed();
        const QString valueText = rows.at(i).at(1).trimmed();
        Axis kind = Axis::Unknown;
        Row row;
        row.line = line;
        if (!parseKey(keyText, kind, row.key))
            return atLine(
                line,
                QStringLiteral("“%1” is neither a date (YYYY-MM-DD) nor a period number.").arg(keyText));
        if (axis != Axis::Unknown && kind != axis)
            return atLine(
                line,
                QStringLiteral("“%1” mixes %2 with the %3 above it.")
                    .arg(keyText,
                         kind == Axis::Dates ? QStringLiteral("a date") : QStringLiteral("a period number"),
                         axis == Axis::Dates ? QStringLiteral("dates") : QStringLiteral("period numbers")));
        axis = kind;
        if (isMissingText(valueText)) {
            row.value = TimeSeries::missing();
        } else {
            bool ok = false;
            row.value = valueText.toDouble(&ok);
            if (!ok || !std::isfinite(row.value))
                return atLine(line, QStringLiteral("the value “%1” is not a number.").arg(valueText));
        }
        if (auto [where, inserted] = seen.emplace(row.key, line); !inserted)
            return atLine(
                line,
                QStringLiteral("“%1” appears twice (also on line %2).").arg(keyText).arg(where->second));
        data.push_back(row);
    }
    if (data.empty())
        return Error::validation(QStringLiteral("no_data"),
                                 QStringLiteral("The file has a header but no rows of data."));
    std::sort(data.begin(), data.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    const qint64 first = data.front().key;
    const qint64 span = data.back().key - first + 1;
    if (span > kMaxSpan)
        return Error::validation(
            QStringLiteral("span_too_long"),
            QStringLiteral("The rows span %1 steps; at most %2 are supported.").arg(span).arg(kMaxSpan));
    std::vector<double> values(static_cast<size_t>(span), TimeSeries::missing());
    for (const Row& r : data)
        values[static_cast<size_t>(r.key - first)] = r.value;
    if (axis == Axis::Dates)
        return TimeSeries::daily(QDate::fromJulianDay(first), std::move(values));
    return TimeSeries::numbered(first, std::move(values));
}

QString SeriesCsv::formatNumber(double value)
{
    if (value == 0.0)
        return QStringLiteral("0");
    const double magnitude = std::abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e15) {
        const int digits = std::max(0, 9 - static_cast<int>(std::floor(std::log10(magnitude))));
        QString s = QString::number(value, 'f', digits);
        if (s.contains(QLatin1Char('.'))) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
        }
        return s == QLatin1String("-0") ? QStringLiteral("0") : s;
    }
    return QString::number(value, 'g', 10);
}

QString SeriesCsv::formatLevel(double level)
{
    return QString::number(level, 'g', 6);
}

QByteArray SeriesCsv::writeForecast(const Forecast& forecast)
{
    CsvWriter writer(CsvWriter::Options{false, false});
    QStringList header{forecast.firstDay.isValid() ? QStringLiteral("date") : QStringLiteral("period"),
                       QStringLiteral("forecast")};
    for (const auto& band : forecast.intervals)
        header << QStringLiteral("lo") + formatLevel(band.level)
               << QStringLiteral("hi") + formatLevel(band.level);
    writer.writeRow(header);
    for (int h = 0; h < forecast.horizon(); ++h) {
        QStringList row{forecast.labelAt(h), formatNumber(forecast.points[h])};
        for (const auto& band : forecast.intervals)
            row << formatNumber(band.lower[h]) << formatNumber(band.upper[h]);
        writer.writeRow(row);
    }
    return writer.takeData();
}

} // namespace core::forecast
