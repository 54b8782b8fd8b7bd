#include "sql/sql_params.h"

namespace core {

QString escapeLikePattern(QString text)
{
    text.replace(QLatin1Char('!'), QStringLiteral("!!"))
        .replace(QLatin1Char('%'), QStringLiteral("!%"))
        .replace(QLatin1Char('_'), QStringLiteral("!_"));
    return text;
}

QString SqlParams::add(const QVariant& value, SqlParam::Type type)
{
    const QString name = QStringLiteral("p%1").arg(m_params.size() + 1);
    m_params.append(SqlParam{name, value, type});
    return QLatin1Char(':') + name;
}

QString SqlParams::addStringList(const QStringList& values)
{
    QStringList placeholders;
    for (const auto& v : values)
        placeholders.append(addString(v));
    return placeholders.isEmpty() ? QStringLiteral("NULL") : placeholders.join(QStringLiteral(", "));
}

} // namespace core
