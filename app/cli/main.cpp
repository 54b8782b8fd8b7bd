#include <QCoreApplication>

#include "segctl.h"
#include "settings/app_paths.h"

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    core::AppPaths::setApplicationIdentity();
    segctl::Segctl segctl;
    return segctl.run(QCoreApplication::arguments().mid(1));
}
