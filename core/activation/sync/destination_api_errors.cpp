#include "activation/sync/destination_api_errors.h"

#include "logging/logging.h"

namespace core {

Error DestinationApiErrors::fromNetwork(QNetworkReply::NetworkError error, const QString& errorString,
                                        const QString& what) const
{
    Error e;
    e.kind = ErrorKind::Network;
    e.code = QStringLiteral("network_%1").arg(static_cast<int>(error));
    e.detail = logging::redact(errorString);
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.userMessage = QStringLiteral("%1 could not be reached while trying to %2 (unknown host).").arg(m_service, what);
        e.remediation = QStringLiteral("Check your internet connection and the %1 address in the settings.").arg(m_service);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        e.userMessage = QStringLiteral("A secure connection to %1 could not be established while trying to %2.")
                            .arg(m_service, what);
        e.remediation = QStringLiteral("A proxy or firewall may be intercepting the connection.");
        break;
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::RemoteHostClosedError:
        e.userMessage = QStringLiteral("The connection to %1 dropped while trying to %2; it may or may not have "
                                       "been done.").arg(m_service, what);
        e.remediation = QStringLiteral("Sync again: what %1 did not acknowledge is sent again.").arg(m_service);
        e.code = QStringLiteral("outcome_unknown");
        break;
    case QNetworkReply::OperationCanceledError:
        e.kind = ErrorKind::Cancelled;
        e.userMessage = QStringLiteral("Cancelled: %1.").arg(what);
        break;
    default:
        e.userMessage = QStringLiteral("The connection to %1 failed while trying to %2.").arg(m_service, what);
        e.remediation = QStringLiteral("Check your network connection, then sync again.");
        break;
    }
    return e;
}

Error DestinationApiErrors::timeout(const QString& what, qint64 afterMs) const
{
    Error e;
    e.kind = ErrorKind::Timeout;
    e.code = QStringLiteral("timeout");
    e.userMessage = QStringLiteral("%1 did not answer in time while trying to %2.").arg(m_service, what);
    e.detail = QStringLiteral("no answer after %1 ms").arg(afterMs);
    e.remediation = QStringLiteral("Try again in a few minutes.");
    return e;
}

Error DestinationApiErrors::httpError(int status, const QString& code, const QString& serverMessage,
                                      const QString& what) const
{
    Error e;
    e.kind = ErrorKind::Http;
    e.httpStatus = status;
    e.code = code;
    e.detail = QStringLiteral("HTTP %1 from %2 while trying to %3: %4")
                   .arg(status)
                   .arg(m_service, what, serverMessage.isEmpty() ? QStringLiteral("(no message)") : serverMessage);
    return e;
}

} // namespace core
