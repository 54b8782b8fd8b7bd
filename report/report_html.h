#pragma once

#include <QHash>
#include <QImage>
#include <QLocale>

#include "report/report_content.h"

namespace report {

// A report as HTML: a title block, then one section per chosen part (Key figures, Charts,
// Forecasts, Comparison, Experiment results), each after a page break when printed. Every figure
// is core's (KpiSummary, Comparison, Forecast, ExperimentReadout) written with the locale's
// separators, money with the advertiser's currency (core::Money). Charts are images
// (ReportChart): `document()` names them "chart-<i>.png" for a QTextDocument (the PDF and the
// preview add them as resources), `standalone()` embeds them as PNG data URLs in one file.
class ReportHtml
{
public:
    struct Document
    {
        QString html;
        QHash<QString, QImage> images; // name → chart
    };

    static Document document(const ReportContent& content, const QLocale& locale = QLocale());
    // One self-contained UTF-8 HTML file.
    static QByteArray standalone(const ReportContent& content, const QLocale& locale = QLocale());

    // The section titles of a definition, in order: what the PDF's pages start with.
    static QStringList sectionTitles(const ReportDefinition& definition);
    // The report's figures as it writes them, for segment i: "12,345", "€1,234.50",
    // "1.23 % (1.10–1.37 %)"; keys impressions, clicks, conversions, spend, ctr, cvr, cpm, cpc, cpa.
    static QHash<QString, QString> kpiTexts(const ReportSegment& segment, const QString& currency,
                                            const QLocale& locale = QLocale());
};

} // namespace report
