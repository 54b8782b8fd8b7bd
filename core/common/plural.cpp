#include "common/plural.h"

#include <QLocale>

namespace core {

QString countOf(qint64 n, const QString& one, const QString& many)
{
    return QLocale().toString(n) + QLatin1Char(' ') + (n == 1 || n == -1 ? one : many);
}

} // namespace core
