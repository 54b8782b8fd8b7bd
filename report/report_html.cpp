#include "report/report_html.h"

#include <QBuffer>

#include <cmath>

#include "analytics/metric.h"
#include "domain/money.h"
#include "report/report_chart.h"

namespace report {

namespace {

const QString kNone = QStringLiteral("—");

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString percent(const QLocale& l, double fraction)
{
    return l.toString(100.0 * fraction, 'f', 2) + QStringLiteral(" %");
}

QString rate(const QLocale& l, const core::ProportionEstimate& e)
{
    if (!e.defined())
        return kNone;
    if (!e.hasInterval)
        return percent(l, e.value);
    return QStringLiteral("%1 (%2–%3 %)").arg(percent(l, e.value), l.toString(100.0 * e.low, 'f', 2),
                                              l.toString(100.0 * e.high, 'f', 2));
}

QString moneyPer(const QLocale& l, const QString& currency, qint64 spendMicros, qint64 per)
{
    if (per <= 0)
        return kNone;
    return core::Money::format(static_cast<double>(spendMicros) / 1e6 / static_cast<double>(per), currency, l);
}

QString sum(const std::vector<double>& values, const QLocale& l)
{
    double total = 0;
    for (double v : values)
        total += v;
    return l.toString(std::round(total), 'f', 0);
}

struct Writer
{
    const ReportContent& c;
    const QLocale& locale;
    QString out;
    QHash<QString, QImage> images;
    bool firstSection = true;

    QString currency() const { return c.advertiser.currency; }

    void section(const QString& title)
    {
        out += firstSection ? QStringLiteral("<h2>%1</h2>\n").arg(esc(title))
                            : QStringLiteral("<h2 style=\"page-break-before: always\">%1</h2>\n").arg(esc(title));
        firstSection = false;
    }

    void table(const QStringList& headers, const QList<QStringList>& rows)
    {
        out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">\n<tr>");
        for (const auto& h : headers)
            out += QStringLiteral("<th bgcolor=\"#eef2f6\" align=\"left\">%1</th>").arg(esc(h));
        out += QStringLiteral("</tr>\n");
        for (const auto& row : rows) {
            out += QStringLiteral("<tr>");
            for (qsizetype i = 0; i < row.size(); ++i)
                out += QStringLiteral("<td%1>%2</td>").arg(i == 0 ? QString() : QStringLiteral(" align=\"right\" style=\"white-space: nowrap\""), esc(row[i]));
            out += QStringLiteral("</tr>\n");
        }
        out += QStringLiteral("</table>\n");
    }

    void title()
    {
        out += QStringLiteral("<h1>%1</h1>\n").arg(esc(QStringLiteral("%1 — %2").arg(c.definition.name, c.advertiser.name)));
        const QString range = c.range.isValid() ? c.range.toString() : kNone;
        out += QStringLiteral("<p>%1</p>\n")
                   .arg(esc(QStringLiteral("Last %1 days: %2 · data as of %3 · %4 · spend in %5 · generated %6 UTC")
                                .arg(c.definition.lastDays)
                                .arg(range, c.asOf.isValid() ? c.asOf.toString(Qt::ISODate) : QStringLiteral("no data yet"),
                                     c.segments.size() == 1 ? QStringLiteral("1 segment")
                                                            : QStringLiteral("%1 segments").arg(c.segments.size()),
                                     c.advertiser.currency,
                                     c.generatedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")))));
    }

    void kpis()
    {
        section(QStringLiteral("Key figures"));
        QList<QStringList> rows;
        for (const auto& s : c.segments) {
            const auto t = ReportHtml::kpiTexts(s, currency(), locale);
            rows.append({s.segment.name, t[QStringLiteral("impressions")], t[QStringLiteral("clicks")],
                         t[QStringLiteral("conversions")], t[QStringLiteral("spend")], t[QStringLiteral("ctr")],
                         t[QStringLiteral("cvr")], t[QStringLiteral("cpm")], t[QStringLiteral("cpc")], t[QStringLiteral("cpa")]});
        }
        table({QStringLiteral("Segment"), QStringLiteral("Impressions"), QStringLiteral("Clicks"), QStringLiteral("Conversions"),
               QStringLiteral("Spend"), QStringLiteral("CTR (95 %)"), QStringLiteral("CVR (95 %)"), QStringLiteral("CPM (95 %)"),
               QStringLiteral("CPC"), QStringLiteral("CPA")},
              rows);
        out += QStringLiteral("<p><small>In brackets: the 95 % interval (Wilson for CTR and CVR, the delta method over "
                              "days for CPM). CPC and CPA: spend per click and per conversion.</small></p>\n");
    }

    void charts()
    {
        section(QStringLiteral("Charts"));
        for (int i = 0; i < c.segments.size(); ++i) {
            const auto& s = c.segments[i];
            if (s.daily.isEmpty())
                continue;
            ReportChart::Series series;
            series.title = QStringLiteral("%1 — impressions by day").arg(s.segment.name);
            series.firstDay = s.daily.first().day;
            series.values = ReportChart::valuesOf(s.daily, false);
            series.forecast = c.definition.sections.forecasts && s.forecast ? &*s.forecast : nullptr;
            const QString name = QStringLiteral("chart-%1.png").arg(i);
            images.insert(name, ReportChart::render(series));
            out += QStringLiteral("<p><img src=\"%1\" width=\"640\" height=\"230\" alt=\"%2\"></p>\n")
                       .arg(name, esc(series.title));
        }
    }

    void forecasts()
    {
        section(QStringLiteral("Forecasts"));
        out += QStringLiteral("<p>%1</p>\n")
                   .arg(esc(QStringLiteral("Impressions over the next %1 days, fitted to each segment's whole history.")
                                .arg(ReportContent::kForecastDays)));
        QList<QStringList> rows;
        for (const auto& s : c.segments) {
            if (!s.forecast) {
                rows.append({s.segment.name, kNone, kNone, kNone, s.forecastNote});
                continue;
            }
            const auto& f = *s.forecast;
            const auto range = [&](double level) {
                const auto* band = f.interval(level);
                return band ? QStringLiteral("%1–%2").arg(sum(band->lower, locale), sum(band->upper, locale)) : kNone;
            };
            rows.append({s.segment.name, sum(f.points, locale), range(80.0), range(95.0), f.model});
        }
        table({QStringLiteral("Segment"), QStringLiteral("Impressions"), QStringLiteral("80 % range"),
               QStringLiteral("95 % range"), QStringLiteral("Model")},
              rows);
    }

    void comparison()
    {
        section(QStringLiteral("Comparison"));
        if (!c.comparison) {
            out += QStringLiteral("<p>%1</p>\n").arg(esc(c.comparisonNote));
            return;
        }
        const auto& cmp = *c.comparison;
        if (!c.comparisonNote.isEmpty())
            out += QStringLiteral("<p>%1</p>\n").arg(esc(c.comparisonNote));
        QList<QStringList> rows;
        for (int i = 0; i < cmp.count(); ++i) {
            const auto& s = cmp.segments[i];
            rows.append({s.segment.name, locale.toString(s.reach),
                         s.kpis.uniqueUsers ? locale.toString(*s.kpis.uniqueUsers) : kNone, rate(locale, s.kpis.ctr),
                         rate(locale, s.kpis.cvr)});
        }
        table({QStringLiteral("Segment"), QStringLiteral("Reach"), QStringLiteral("Unique users"), QStringLiteral("CTR (95 %)"),
               QStringLiteral("CVR (95 %)")},
              rows);
        QList<QStringList> overlap;
        for (int i = 0; i < cmp.count(); ++i) {
            for (int j = i + 1; j < cmp.count(); ++j)
                overlap.append({QStringLiteral("%1 & %2").arg(cmp.segments[i].segment.name, cmp.segments[j].segment.name),
                                locale.toString(cmp.overlap.sharedUsers(i, j)), percent(locale, cmp.overlap.jaccard(i, j))});
        }
        out += QStringLiteral("<h3>Overlap</h3>\n");
        table({QStringLiteral("Segments"), QStringLiteral("Shared people"), QStringLiteral("Jaccard")}, overlap);
        out += QStringLiteral("<h3>Do their rates differ?</h3>\n<ul>\n");
        for (const auto& t : cmp.tests)
            out += QStringLiteral("<li>%1</li>\n").arg(esc(t.headline));
        out += QStringLiteral("</ul>\n");
    }

    void experiments()
    {
        section(QStringLiteral("Experiment results"));
        bool any = false;
        for (const auto& s : c.segments) {
            for (const auto& e : s.experiments) {
                any = true;
                const auto& r = e.readout;
                out += QStringLiteral("<h3>%1</h3>\n").arg(esc(QStringLiteral("%1 (%2, %3)").arg(
                    e.experiment.name, s.segment.name, core::experimentMetricLabel(e.experiment.primaryMetric))));
                out += QStringLiteral("<p><b>%1</b></p>\n").arg(esc(r.headline));
                QList<QStringList> rows;
                // Spend per person is money: in the advertiser's currency.
                const auto format = [&](double v) {
                    return r.metric == core::ExperimentMetric::SpendPerUser ? core::Money::format(v, currency(), locale)
                                                                            : core::ExperimentResults::formatValue(r.metric, v);
                };
                for (const auto& a : r.arms) {
                    const QString value =
                        a.hasValue ? QStringLiteral("%1 (%2–%3)").arg(format(a.value), format(a.low), format(a.high)) : kNone;
                    rows.append({a.name, locale.toString(a.totals.users), locale.toString(a.totals.impressions),
                                 locale.toString(a.totals.clicks), locale.toString(a.totals.conversions), value});
                }
                table({QStringLiteral("Arm"), QStringLiteral("People"), QStringLiteral("Impressions"), QStringLiteral("Clicks"),
                       QStringLiteral("Conversions"), core::experimentMetricLabel(r.metric) + QStringLiteral(" (95 %)")},
                      rows);
                out += QStringLiteral("<ul>\n");
                for (const auto& sentence : r.sentences)
                    out += QStringLiteral("<li>%1</li>\n").arg(esc(sentence));
                out += QStringLiteral("</ul>\n");
            }
        }
        if (!any)
            out += QStringLiteral("<p>None of these segments has a running or stopped experiment.</p>\n");
    }
};

} // namespace

QStringList ReportHtml::sectionTitles(const ReportDefinition& d)
{
    QStringList out;
    if (d.sections.kpis)
        out.append(QStringLiteral("Key figures"));
    if (d.sections.charts)
        out.append(QStringLiteral("Charts"));
    if (d.sections.forecasts)
        out.append(QStringLiteral("Forecasts"));
    if (d.sections.comparison)
        out.append(QStringLiteral("Comparison"));
    if (d.sections.experiments)
        out.append(QStringLiteral("Experiment results"));
    return out;
}

QHash<QString, QString> ReportHtml::kpiTexts(const ReportSegment& s, const QString& currency, const QLocale& l)
{
    const auto& k = s.kpis;
    QHash<QString, QString> t;
    t.insert(QStringLiteral("impressions"), l.toString(k.impressions));
    t.insert(QStringLiteral("clicks"), l.toString(k.clicks));
    t.insert(QStringLiteral("conversions"), l.toString(k.conversions));
    t.insert(QStringLiteral("spend"), core::Money::format(k.spend(), currency, l));
    t.insert(QStringLiteral("ctr"), rate(l, k.ctr));
    t.insert(QStringLiteral("cvr"), rate(l, k.cvr));
    QString cpm = kNone;
    if (k.cpm.units > 0) {
        cpm = core::Money::format(k.cpm.value, currency, l);
        if (k.cpm.hasInterval)
            cpm += QStringLiteral(" (%1–%2)").arg(core::Money::format(k.cpm.low, currency, l),
                                                  core::Money::format(k.cpm.high, currency, l));
    }
    t.insert(QStringLiteral("cpm"), cpm);
    t.insert(QStringLiteral("cpc"), moneyPer(l, currency, k.spendMicros, k.clicks));
    t.insert(QStringLiteral("cpa"), moneyPer(l, currency, k.spendMicros, k.conversions));
    return t;
}

ReportHtml::Document ReportHtml::document(const ReportContent& content, const QLocale& locale)
{
    Writer w{content, locale, {}, {}, true};
    w.out += QStringLiteral("<html><head><meta charset=\"utf-8\"><title>%1</title>"
                            "<style>body{font-family:sans-serif;color:#222}h1{font-size:20pt}h2{font-size:15pt;"
                            "color:#1f4f82}table{border-collapse:collapse}th,td{font-size:9pt}</style></head><body>\n")
                 .arg(esc(content.definition.name));
    w.title();
    const auto& s = content.definition.sections;
    if (s.kpis)
        w.kpis();
    if (s.charts)
        w.charts();
    if (s.forecasts)
        w.forecasts();
    if (s.comparison)
        w.comparison();
    if (s.experiments)
        w.experiments();
    w.out += QStringLiteral("</body></html>\n");
    return {w.out, w.images};
}

QByteArray ReportHtml::standalone(const ReportContent& content, const QLocale& locale)
{
    Document doc = document(content, locale);
    for (auto it = doc.images.cbegin(); it != doc.images.cend(); ++it) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        it.value().save(&buffer, "PNG");
        doc.html.replace(QStringLiteral("src=\"%1\"").arg(it.key()),
                         QStringLiteral("src=\"data:image/png;base64,%1\"").arg(QString::fromLatin1(png.toBase64())));
    }
    return doc.html.toUtf8();
}

} // namespace report
