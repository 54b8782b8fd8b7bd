// core/ must stay free of GUI modules: no QtWidgets, QtGui or QtCharts include anywhere in it.
#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QHash>
#include <QFile>
#include <QFileInfo>
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

namespace {

// core's folders from the bottom up: a file may include headers of its own folder and of folders
// ranked below it, never of one at its rank or above (domain → sql → backends → features).
// core/backends/<name> is one backend each: they share the interfaces in core/backends and never
// include one another.
int rankOf(const QString& unit)
{
    static const QHash<QString, int> ranks{
        {QStringLiteral("common"), 0},     {QStringLiteral("logging"), 1},
        {QStringLiteral("domain"), 2},     {QStringLiteral("settings"), 2},
        {QStringLiteral("export"), 3},     {QStringLiteral("charting"), 3},
        {QStringLiteral("sql"), 4},        {QStringLiteral("databricks"), 5}, // the REST client
        {QStringLiteral("backends"), 6},   // the store interfaces and the Backend bundle
        {QStringLiteral("backends/sqlite"), 7}, {QStringLiteral("backends/databricks"), 7},
        {QStringLiteral("backends/postgres"), 7},
        {QStringLiteral("analytics"), 8},  {QStringLiteral("demo"), 8},
        {QStringLiteral("activation"), 8}, // audience normalisation, files, API sync to the ad platforms
        {QStringLiteral("forecast"), 9},   {QStringLiteral("experiments"), 9}, // may use analytics
        {QStringLiteral("offline"), 8},    // the outbox of changes made offline, the read cache
        {QStringLiteral("workspace"), 10},
    };
    return ranks.value(unit, -1);
}

// "backends/sqlite/x.h" → "backends/sqlite"; "sql/x.h" → "sql"; "databricks/http/x.h" → "databricks".
QString unitOf(const QString& corePath)
{
    const QStringList parts = corePath.split(QLatin1Char('/'));
    if (parts.size() > 2 && parts.first() == QLatin1String("backends"))
        return parts.at(0) + QLatin1Char('/') + parts.at(1);
    return parts.first();
}

// The include lines of `text` (a file at `corePath` under core/) that break the order above.
QStringList backEdges(const QString& corePath, const QString& text)
{
    static const QRegularExpression include(QStringLiteral(R"re(^\s*#\s*include\s*"([a-z_]+(?:/[a-z_0-9]+)+\.h)")re"),
                                            QRegularExpression::MultilineOption);
    const QString from = unitOf(corePath);
    QStringList out;
    auto it = include.globalMatch(text);
    while (it.hasNext()) {
        const QString target = it.next().captured(1);
        const QString to = unitOf(target);
        if (to == from)
            continue;
        if (rankOf(from) < 0 || rankOf(to) < 0 || rankOf(to) >= rankOf(from))
            out.append(QStringLiteral("%1 (%2) includes %3 (%4)").arg(corePath, from, target, to));
    }
    return out;
}

} // namespace

TEST(Layering, CoreFoldersDependOneWay)
{
    const QDir core(QStringLiteral(SB_SOURCE_DIR "/core"));
    QDirIterator it(core.path(), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList offenders;
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = core.relativeFilePath(path);
        if (!relative.contains(QLatin1Char('/')))
            continue;
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
        ++files;
        EXPECT_GE(rankOf(unitOf(relative)), 0) << "core folder without a rank: " << relative.toStdString();
        offenders += backEdges(relative, QString::fromUtf8(f.readAll()));
    }
    EXPECT_GT(files, 200);
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QLatin1Char('\n')).toStdString();
}

TEST(Layering, TheCheckFindsBackEdgesAndEdgesBetweenBackends)
{
    EXPECT_EQ(backEdges(QStringLiteral("sql/segment_sql.cpp"), QStringLiteral("#include \"backends/segment_store.h\"\n")).size(), 1);
    EXPECT_EQ(backEdges(QStringLiteral("domain/segment.h"), QStringLiteral("#include \"analytics/metric.h\"\n")).size(), 1);
    EXPECT_EQ(backEdges(QStringLiteral("backends/postgres/pg_session.cpp"),
                        QStringLiteral("#include \"backends/sqlite/sqlite_sql.h\"\n")).size(), 1);
    EXPECT_EQ(backEdges(QStringLiteral("backends/databricks/x.cpp"),
                        QStringLiteral("  #  include \"workspace/workspace_session.h\"\n")).size(), 1);
    // Down the layers, and within a folder, is fine.
    EXPECT_TRUE(backEdges(QStringLiteral("backends/sqlite/sqlite_backend.cpp"),
                          QStringLiteral("#include \"backends/backend.h\"\n#include \"sql/segment_sql.h\"\n"
                                         "#include \"domain/segment.h\"\n#include \"backends/sqlite/sqlite_sql.h\"\n"))
                    .isEmpty());
    EXPECT_TRUE(backEdges(QStringLiteral("databricks/http/api_client.cpp"),
                          QStringLiteral("#include \"databricks/auth/auth_provider.h\"\n"))
                    .isEmpty());
}

TEST(Layering, UiNamesNoConcreteBackendOutsideTheConnectionDialog)
{
    // The window reaches every backend through core::Backend (WorkspaceSession::backend(),
    // Backend::diagnostics()). Only the connection dialog's "Test connection" builds the checks of
    // a workspace it has not switched to (a Databricks connection, PostgreSQL's own checks).
    const QStringList allowed{QStringLiteral("connection_dialog.cpp")};
    const QRegularExpression concrete(QStringLiteral(R"(^\s*#\s*include\s*"backends/(sqlite|databricks|postgres)/)"),
                                      QRegularExpression::MultilineOption);
    QDirIterator it(QStringLiteral(SB_SOURCE_DIR "/ui"), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList offenders;
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        ++files;
        if (concrete.match(QString::fromUtf8(f.readAll())).hasMatch() && !allowed.contains(QFileInfo(path).fileName()))
            offenders.append(path);
    }
    EXPECT_GT(files, 50);
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QLatin1Char('\n')).toStdString();
}

TEST(Layering, UiFilesLiveInTheirFeatureFolders)
{
    // ui/ is grouped by feature as core/ is (common, segments, comparison, forecast, analytics,
    // workspace, shell, charts, …): no source file sits at its top.
    const QDir ui(QStringLiteral(SB_SOURCE_DIR "/ui"));
    const QStringList loose = ui.entryList({QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files);
    EXPECT_TRUE(loose.isEmpty()) << loose.join(QLatin1Char(' ')).toStdString();
    EXPECT_GE(ui.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 6);
}

TEST(Layering, UiTakesItsColoursFromTheTheme)
{
    // Light and dark palettes both read well only if no view writes a colour of its own: text and
    // backgrounds come from ui::Theme (ui/common/theme.cpp). The charts' series palette is the
    // one other place allowed colours.
    const QStringList allowed{QStringLiteral("theme.cpp"), QStringLiteral("metric_chart_data.cpp")};
    const QRegularExpression literal(QStringLiteral(R"((#[0-9a-fA-F]{6}\b|QColor\(0x))"));
    QDirIterator it(QStringLiteral(SB_SOURCE_DIR "/ui"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList offenders;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        if (literal.match(QString::fromUtf8(f.readAll())).hasMatch() && !allowed.contains(QFileInfo(path).fileName()))
            offenders.append(path);
    }
    EXPECT_TRUE(offenders.isEmpty()) << offenders.join(QLatin1Char('\n')).toStdString();
}
