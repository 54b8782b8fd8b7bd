#pragma once

#include <QByteArray>
#include <QLocale>

#include "report/report_content.h"

namespace report {

// A report as PDF: ReportHtml's document laid out by a QTextDocument (charts as its image
// resources) and printed with QPdfWriter on A4 landscape pages, each section on a new page.
// Needs a QGuiApplication (fonts); segctl starts one on the offscreen platform.
class ReportPdf
{
public:
    static QByteArray render(const ReportContent& content, const QLocale& locale = QLocale());
};

} // namespace report
