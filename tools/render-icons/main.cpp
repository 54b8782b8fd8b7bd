// render-icons: draws the app's SVG icon into the PNG sizes of the freedesktop hicolor theme,
// for the package (packaging/CMakeLists.txt runs it at build time; nothing generated is kept in git).
//   render-icons ICON.svg OUTDIR NAME SIZE...  → OUTDIR/<SIZE>x<SIZE>/apps/NAME.png
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: render-icons ICON.svg OUTDIR NAME SIZE...\n");
        return 1;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "render-icons: %s is not a valid SVG file\n", qPrintable(args.at(1)));
        return 2;
    }
    for (qsizetype i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "render-icons: %s is not an icon size (8–1024)\n", qPrintable(args.at(i)));
            return 1;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        if (!QDir().mkpath(dir) || !image.save(dir + QLatin1Char('/') + args.at(3) + QStringLiteral(".png"))) {
            std::fprintf(stderr, "render-icons: cannot write %s\n", qPrintable(dir));
            return 2;
        }
    }
    return 0;
}
