#include "backends/postgres/lakebase_target.h"

#include <QObject>

#include "backends/postgres/pg_executor.h"
#include "databricks/database/database_instance.h"
#include "databricks/database/lakebase_credentials.h"
#include "databricks/diagnostics/current_user.h"

namespace core {

LakebaseTarget::LakebaseTarget(QString host, QString database, QString user)
    : m_host(std::move(host)),
      m_database(database.trimmed().isEmpty() ? kDefaultDatabase : std::move(database)),
      m_user(std::move(user))
{
}

Result<LakebaseTarget> LakebaseTarget::fromInstance(const DatabaseInstance& instance, const QString& database,
                                                    const CurrentUser& user)
{
    const bool gone = instance.stopped || instance.state == QLatin1String("STOPPED") ||
                      instance.state == QLatin1String("DELETING");
    if (gone || instance.readWriteDns.isEmpty()) {
        Error e;
        e.kind = ErrorKind::Remote;
        e.code = QStringLiteral("lakebase_instance_unavailable");
        e.userMessage =
            QStringLiteral("The Lakebase database instance “%1” cannot be connected to right now (%2).")
                .arg(instance.name, instance.state.isEmpty()
                                        ? QStringLiteral("no address yet")
                                        : QStringLiteral("state %1").arg(instance.state));
        e.detail =
            QStringLiteral("instance %1: state %2, stopped %3, read_write_dns “%4”")
                .arg(instance.name, instance.state,
                     instance.stopped ? QStringLiteral("yes") : QStringLiteral("no"), instance.readWriteDns);
        e.remediation =
            QStringLiteral("Start the instance in Databricks (Compute → Database instances), wait until "
                           "it is Available, and try again.");
        return e;
    }
    if (user.principal().isEmpty()) {
        Error e = Error::validation(
            QStringLiteral("lakebase_user_missing"),
            QStringLiteral("The Databricks identity has no name to log in to Lakebase with."));
        e.remediation = QStringLiteral("Sign in to Databricks again, then retry.");
        return e;
    }
    return LakebaseTarget(instance.readWriteDns, database, user.principal());
}

QString LakebaseTarget::quoteValue(const QString& value)
{
    bool plain = !value.isEmpty();
    for (const QChar c : value) {
        if (c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('\\')) {
            plain = false;
            break;
        }
    }
    if (plain)
        return value;
    QString escaped;
    escaped.reserve(value.size() + 4);
    escaped.append(QLatin1Char('\''));
    for (const QChar c : value) {
        if (c == QLatin1Char('\'') || c == QLatin1Char('\\'))
            escaped.append(QLatin1Char('\\'));
        escaped.append(c);
    }
    escaped.append(QLatin1Char('\''));
    return escaped;
}

QString LakebaseTarget::conninfo() const
{
    // Concatenated, not arg()-chained: a value holding "%1" must stay as it is.
    return QStringLiteral("host=") + quoteValue(m_host) + QStringLiteral(" port=") + QString::number(kPort) +
           QStringLiteral(" dbname=") + quoteValue(m_database) + QStringLiteral(" user=") +
           quoteValue(m_user) + QStringLiteral(" sslmode=require application_name=segment-builder");
}

PgConnectionSettings LakebaseTarget::settings(LakebaseCredentials* credentials,
                                              std::chrono::milliseconds passwordTimeout) const
{
    PgConnectionSettings s;
    s.conninfo = conninfo();
    if (!credentials) {
        s.password = []() -> Result<QString> {
            return Error::internal(
                QStringLiteral("LakebaseTarget::settings was given no LakebaseCredentials"));
        };
        return s;
    }
    s.password = [credentials, passwordTimeout]() { return credentials->passwordBlocking(passwordTimeout); };
    return s;
}

QMetaObject::Connection LakebaseTarget::reconnectOnRenewal(LakebaseCredentials* credentials,
                                                           PgExecutor* executor)
{
    if (!credentials || !executor)
        return {};
    return QObject::connect(credentials, &LakebaseCredentials::renewed, credentials,
                            [executor](const QDateTime&) { executor->resetConnection(); });
}

} // namespace core
