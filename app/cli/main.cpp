#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

#include "segctl.h"
#include "settings/app_paths.h"

int main(int argc, char* argv[])
{
    // `segctl reports` renders PDFs and charts: that needs a QGuiApplication (fonts, painting), on
    // the offscreen platform so it runs without a display (a systemd timer, a server). The other
    // commands keep the lighter QCoreApplication.
    bool reports = false;
    for (int i = 1; i < argc; ++i)
        reports = reports || qstrcmp(argv[i], "reports") == 0;
    if (reports && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app =
        reports ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    core::AppPaths::setApplicationIdentity();
    segctl::Segctl segctl;
    return segctl.run(QCoreApplication::arguments().mid(1));
}
