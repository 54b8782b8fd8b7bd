#include "common/error.h"

namespace core {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Validation: return QStringLiteral("invalid input");
    case ErrorKind::NotFound: return QStringLiteral("not found");
    case ErrorKind::Conflict: return QStringLiteral("conflict");
    case ErrorKind::Storage: return QStringLiteral("storage error");
    case ErrorKind::Io: return QStringLiteral("file error");
    case ErrorKind::Parse: return QStringLiteral("malformed data");
    case ErrorKind::Network: return QStringLiteral("network error");
    case ErrorKind::Timeout: return QStringLiteral("timeout");
    case ErrorKind::Auth: return QStringLiteral("authentication error");
    case ErrorKind::Permission: return QStringLiteral("permission denied");
    case ErrorKind::Http: return QStringLiteral("HTTP error");
    case ErrorKind::Remote: return QStringLiteral("remote error");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ErrorKind::Internal: return QStringLiteral("internal error");
    }
    return QStringLiteral("error");
}

Error Error::validation(QString code, QString message, QString detail)
{
    return Error{ErrorKind::Validation, 0, std::move(code), std::move(message), std::move(detail), {}};
}

Error Error::notFound(QString message, QString detail)
{
    return Error{ErrorKind::NotFound, 0, QStringLiteral("not_found"), std::move(message), std::move(detail), {}};
}

Error Error::conflict(QString code, QString message, QString remediation)
{
    return Error{ErrorKind::Conflict, 0, std::move(code), std::move(message), {}, std::move(remediation)};
}

Error Error::storage(QString message, QString detail, QString remediation)
{
    return Error{ErrorKind::Storage, 0, {}, std::move(message), std::move(detail), std::move(remediation)};
}

Error Error::io(QString message, QString detail)
{
    return Error{ErrorKind::Io, 0, {}, std::move(message), std::move(detail), {}};
}

Error Error::parse(QString message, QString detail)
{
    return Error{ErrorKind::Parse, 0, {}, std::move(message), std::move(detail), {}};
}

Error Error::internal(QString detail)
{
    return Error{ErrorKind::Internal, 0, {}, QStringLiteral("Something unexpected went wrong inside the app."),
                 std::move(detail), QStringLiteral("Please report this with the log file.")};
}

QString Error::toString() const
{
    QString s = errorKindName(kind);
    if (!code.isEmpty())
        s += QStringLiteral(" [%1]").arg(code);
    if (httpStatus)
        s += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    s += QStringLiteral(": ") + userMessage;
    if (!detail.isEmpty())
        s += QStringLiteral(" (") + detail + QLatin1Char(')');
    if (!remediation.isEmpty())
        s += QStringLiteral(" — ") + remediation;
    return s;
}

} // namespace core
