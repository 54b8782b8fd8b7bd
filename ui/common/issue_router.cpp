#include "common/issue_router.h"

#include <QRegularExpression>

namespace ui {

IssuesByField IssueRouter::route(const core::ValidationIssues& issues,
                                 const QHash<QString, QString>& fieldOfPath)
{
    static const QString prefix = QStringLiteral("definition.");
    static const QRegularExpression valueIndex(QStringLiteral("^\\.values\\[(\\d+)\\]"));
    IssuesByField out;
    for (const auto& issue : issues) {
        if (!issue.field.startsWith(prefix)) {
            out[issue.field].messages.append(issue.message);
            continue;
        }
        const QString path = issue.field.mid(prefix.size());
        QString bestKey;
        for (auto it = fieldOfPath.cbegin(); it != fieldOfPath.cend(); ++it) {
            const QString& key = it.key();
            const bool matches =
                path == key || (path.startsWith(key) && path.at(key.size()) == QLatin1Char('.'));
            if (matches && key.size() > bestKey.size())
                bestKey = key;
        }
        if (bestKey.isEmpty()) {
            out[QStringLiteral("definition")].messages.append(issue.message);
            continue;
        }
        FieldIssues& target = out[fieldOfPath.value(bestKey)];
        if (!target.messages.contains(issue.message))
            target.messages.append(issue.message);
        const auto match = valueIndex.match(path.mid(bestKey.size()));
        if (match.hasMatch())
            target.valueIndexes.insert(match.captured(1).toInt());
    }
    return out;
}

} // namespace ui
