// databricks-emulator: starts a private PostgreSQL 15 cluster and the Databricks emulator on
// 127.0.0.1, prints the base URL, a personal access token, a service principal and a
// ~/.databrickscfg profile, and serves until interrupted (Ctrl+C / SIGTERM).

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include "databricks_emulator.h"
#include "postgres_server.h"

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("databricks-emulator"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A Databricks workspace on 127.0.0.1 for demos: SQL Statement Execution API, warehouses, OAuth, "
        "backed by a private PostgreSQL 15 cluster that is deleted on exit."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("TCP port (default: any free port)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QStringLiteral("Personal access token to accept (default: dapi-emulator-demo)."),
        QStringLiteral("token"), QStringLiteral("dapi-emulator-demo"));
    const QCommandLineOption warehouseOption(QStringLiteral("warehouse-id"), QStringLiteral("Warehouse id."),
                                             QStringLiteral("id"), QStringLiteral("0123456789abcdef"));
    const QCommandLineOption principalOption(
        QStringLiteral("principal"),
        QStringLiteral("User name behind the token (default: demo@example.com)."), QStringLiteral("name"),
        QStringLiteral("demo@example.com"));
    const QCommandLineOption stoppedOption(
        QStringLiteral("stopped"),
        QStringLiteral("Start with the warehouse STOPPED (auto-starts on first use)."));
    const QCommandLineOption noModifyOption(
        QStringLiteral("no-modify"),
        QStringLiteral("The service principal lacks MODIFY (to demo the doctor)."));
    const QCommandLineOption pollsOption(
        QStringLiteral("running-polls"),
        QStringLiteral("Polls a statement answers RUNNING before it finishes."), QStringLiteral("n"),
        QStringLiteral("0"));
    parser.addOptions({portOption, tokenOption, warehouseOption, principalOption, stoppedOption,
                       noModifyOption, pollsOption});
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "databricks-emulator: --port must be a number between 0 and 65535\n";
        return 2;
    }

    testsupport::PostgresServer postgres;
    if (!postgres.start()) {
        err << "databricks-emulator: cannot start PostgreSQL: " << postgres.errorString() << '\n';
        return 1;
    }
    if (!postgres.createDatabase(QStringLiteral("databricks")) ||
        !postgres.openConnection(QStringLiteral("emulator"), QStringLiteral("databricks"))) {
        err << "databricks-emulator: " << postgres.errorString() << '\n';
        return 1;
    }

    emulator::DatabricksEmulator workspace(QStringLiteral("emulator"));
    const QString warehouseId = parser.value(warehouseOption);
    workspace.addWarehouse(warehouseId, QStringLiteral("Emulator warehouse"),
                           parser.isSet(stoppedOption) ? QStringLiteral("STOPPED")
                                                       : QStringLiteral("RUNNING"));
    workspace.setRunningPolls(parser.value(pollsOption).toInt());
    emulator::Principal user;
    user.name = parser.value(principalOption);
    workspace.addPersonalAccessToken(parser.value(tokenOption), user);
    emulator::Principal sp;
    sp.name = QStringLiteral("segments-sp");
    sp.canModify = !parser.isSet(noModifyOption);
    const QString clientId = QStringLiteral("6f1c0000-0000-4000-8000-00000000e3a1");
    const QString clientSecret = QStringLiteral("dose-emulator-demo-secret");
    workspace.addServicePrincipal(clientId, clientSecret, sp);
    if (!workspace.listen(quint16(port))) {
        err << "databricks-emulator: cannot listen on 127.0.0.1:" << port << '\n';
        return 1;
    }

    const QString host = workspace.baseUrl().toString();
    out << "Databricks emulator listening on " << host << "\n"
        << "  personal access token : " << parser.value(tokenOption) << "  (user " << user.name << ")\n"
        << "  service principal     : client_id " << clientId << ", secret " << clientSecret
        << (sp.canModify ? "" : "  (no MODIFY)") << "\n"
        << "  warehouse id          : " << warehouseId << "  (" << workspace.warehouseState(warehouseId)
        << ")\n"
        << "  catalog / schema      : main / ad_segments (create it with the app's provisioning)\n"
        << "  PostgreSQL            : 127.0.0.1:" << postgres.port()
        << " database 'databricks' (user postgres)\n\n"
        << "~/.databrickscfg profiles:\n"
        << "[emulator]\nhost         = " << host << "\ntoken        = " << parser.value(tokenOption)
        << "\nwarehouse_id = " << warehouseId << "\n\n"
        << "[emulator-sp]\nhost          = " << host << "\nclient_id     = " << clientId
        << "\nclient_secret = " << clientSecret << "\nwarehouse_id  = " << warehouseId << "\n\n"
        << "Press Ctrl+C to stop (the PostgreSQL cluster is deleted on exit).\n";
    out.flush();

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    const int rc = app.exec();
    out << "stopping\n";
    return rc;
}
