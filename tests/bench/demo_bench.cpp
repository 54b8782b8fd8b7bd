// Harness: time to build the demo workspace, phase by phase.
// Usage: demo_bench [USERS=50000] [DAYS=180]
#include "demo/demo_generator.h"
#include "logging/logging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    core::logging::initialize(QString(), qEnvironmentVariableIsSet("SB_VERBOSE"));
    core::DemoOptions options;
    options.endDate = QDate(2026, 11, 24);
    if (argc > 1)
        options.users = QString::fromLocal8Bit(argv[1]).toInt();
    if (argc > 2)
        options.days = QString::fromLocal8Bit(argv[2]).toInt();
    QTemporaryDir dir;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QString lastStep;
    auto status = core::DemoGenerator::createWorkspace(
        dir.filePath(QStringLiteral("demo.sqlite")), options, [&](int, const QString& step) {
            if (step != lastStep) {
                if (!lastStep.isEmpty())
                    printf("  %-45s %7lld ms\n", qPrintable(lastStep), static_cast<long long>(clock.elapsed() - last));
                last = clock.elapsed();
                lastStep = step;
            }
        });
    printf("demo workspace, %d users x %d days: %lld ms (%s)\n", options.users, options.days,
           static_cast<long long>(clock.elapsed()), status ? "ok" : qPrintable(status.error().toString()));
    return status ? 0 : 1;
}
