#include "report/report_pdf.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

#include "report/report_html.h"

namespace report {

QByteArray ReportPdf::render(const ReportContent& content, const QLocale& locale)
{
    const ReportHtml::Document doc = ReportHtml::document(content, locale);
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(QStringLiteral("%1 — %2").arg(content.definition.name, content.advertiser.name));
        writer.setCreator(QStringLiteral("Advertiser Segment Builder"));
        writer.setResolution(96);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(12, 12, 12, 12),
                                         QPageLayout::Millimeter));
        QTextDocument text;
        // The page's printable area, so print() lays out on the whole width without margins of its own.
        text.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
        text.setDocumentMargin(0);
        for (auto it = doc.images.cbegin(); it != doc.images.cend(); ++it)
            text.addResource(QTextDocument::ImageResource, QUrl(it.key()), it.value());
        text.setHtml(doc.html);
        text.print(&writer);
    }
    return pdf;
}

} // namespace report
