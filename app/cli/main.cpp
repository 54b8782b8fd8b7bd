#include <QCoreApplication>
#include <QDir>
#include <QFile>
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
    // Without a login session (cron, ssh, a container) XDG_RUNTIME_DIR is unset and Qt's GUI
    // start-up would print a warning before segctl's own one-line output; give it the folder Qt
    // falls back to (/tmp/runtime-<user>, created 0700) without the noise.
    if (reports && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir = QDir::tempPath().toUtf8() + "/runtime-" + qgetenv("USER").replace('/', '_');
        if (QDir().mkpath(QString::fromUtf8(dir)) &&
            QFile::setPermissions(QString::fromUtf8(dir), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", dir);
    }
    std::unique_ptr<QCoreApplication> app =
        reports ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    core::AppPaths::setApplicationIdentity();
    segctl::Segctl segctl;
    return segctl.run(QCoreApplication::arguments().mid(1));
}
