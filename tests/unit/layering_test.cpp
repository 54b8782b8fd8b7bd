// core/ must stay free of GUI modules: no QtWidgets, QtGui or QtCharts include anywhere in it.
#include <gtest/gtest.h>

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>

TEST(Layering, CoreIncludesNoWidgetsGuiOrCharts)
{
    const QRegularExpression forbidden(QStringLiteral(
        R"(^\s*#\s*include\s*[<"](QtWidgets|QtGui|QtCharts|QtSvg)(/|>|")|^\s*#\s*include\s*[<"](QWidget|QApplication|QPainter|QImage|QPixmap|QColor|QChart\w*|QGuiApplication)[>"])"));
    QDirIterator it(QStringLiteral(SB_SOURCE_DIR "/core"), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int files = 0;
    QStringList offenders;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        ++files;
        int line = 0;
        while (!f.atEnd()) {
            ++line;
            const QString text = QString::fromUtf8(f.readLine());
            if (forbidden.match(text).hasMatch())
                offenders.append(QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(text.trimmed()));
        }
    }
    EXPECT_GT(files, 20);
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QLatin1Char('\n')).toStdString();
}

TEST(Layering, CoreCMakeLinksNoGuiModule)
{
    QFile f(QStringLiteral(SB_SOURCE_DIR "/core/CMakeLists.txt"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    for (const char* module : {"Qt6::Gui", "Qt6::Widgets", "Qt6::Charts", "Qt6::Svg"})
        EXPECT_EQ(text.indexOf(QLatin1String(module)), -1) << module;
}
