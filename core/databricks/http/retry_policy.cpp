#include "databricks/http/retry_policy.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace core {

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt, const QByteArray& retryAfter, double random01) const
{
    using std::chrono::milliseconds;
    const QByteArray header = retryAfter.trimmed();
    if (!header.isEmpty()) {
        bool isNumber = false;
        const double seconds = header.toDouble(&isNumber);
        if (isNumber && seconds >= 0)
            return std::min(milliseconds(static_cast<qint64>(seconds * 1000)), deadline);
        const QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(header), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (when.isValid()) {
            QDateTime utc = when;
            utc.setTimeSpec(Qt::UTC);
            const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(utc);
            return std::clamp(milliseconds(ms), milliseconds(0), deadline);
        }
    }
    const double base = static_cast<double>(firstDelay.count()) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, static_cast<double>(maxDelay.count()));
    const double spread = capped * jitter * (2.0 * random01 - 1.0);
    return milliseconds(static_cast<qint64>(std::max(0.0, capped + spread)));
}

} // namespace core
