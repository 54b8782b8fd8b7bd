#include "domain/validation_issue.h"

#include <QStringList>

namespace core {

QString summarize(const ValidationIssues& issues)
{
    QStringList parts;
    for (const auto& i : issues)
        parts.append(i.field + QStringLiteral(": ") + i.message);
    return parts.join(QStringLiteral("; "));
}

} // namespace core
